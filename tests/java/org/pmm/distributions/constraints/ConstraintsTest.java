package org.pmm.distributions.constraints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.support.GradCheck;
import org.pmm.tensor.Tensor;

/** Round trips, gradients of the transforms, and membership checks of every constraint. */
class ConstraintsTest {

  /** (constraint, values inside it, a value outside it, description). */
  static Stream<Arguments> constraints() {
    return Stream.of(
        Arguments.of(Constraints.real(), arr(-3, 0, 2.5, 1e3), arr(1, Double.NaN), "real"),
        Arguments.of(Constraints.positive(), arr(1e-6, 0.01, 1, 50), arr(1, 0),
            "positive (softplus)"),
        Arguments.of(Constraints.positiveExp(), arr(1e-6, 0.01, 1, 50), arr(-1, 1),
            "positive (exp)"),
        Arguments.of(Constraints.greaterThan(2), arr(2.001, 3, 10), arr(2, 3),
            "greater than 2.0 (softplus)"),
        Arguments.of(Constraints.interval(-1, 3), arr(-0.99, 0, 2.9), arr(0, 3.5),
            "interval [-1.0, 3.0]"),
        Arguments.of(Constraints.unitInterval(), arr(0.001, 0.5, 0.999), arr(-0.1, 0.5),
            "interval [0.0, 1.0]"),
        Arguments.of(Constraints.simplex(),
            Nd4j.createFromArray(new double[][] {{0.2, 0.3, 0.5}, {0.01, 0.01, 0.98}}),
            arr(0.5, 0.6), "simplex (softmax)"));
  }

  @ParameterizedTest(name = "{3}")
  @MethodSource("constraints")
  void inverseThenTransformIsTheIdentity(Constraint c, INDArray inside, INDArray outside,
      String description) {
    INDArray raw = c.inverse(inside);
    INDArray back = c.transform(Tensor.constant(raw)).value();
    double[] expected = inside.dup().data().asDouble();
    double[] got = back.dup().data().asDouble();
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], got[i], 1e-9 * Math.max(1, Math.abs(expected[i])),
          description + " element " + i);
    }
    assertTrue(c.check(inside), description + " accepts " + inside);
    assertTrue(c.check(back), description + " accepts its own transform");
    assertFalse(c.check(outside), description + " rejects " + outside);
    assertEquals(description, c.describe());
  }

  @ParameterizedTest(name = "{3}")
  @MethodSource("constraints")
  void transformIsDifferentiableAndLandsInside(Constraint c, INDArray inside,
      INDArray outside, String description) {
    INDArray raw = GradCheck.uniform(7, -4, 4, inside.shape());
    GradCheck.check(description, p -> c.transform(p[0]), raw);
    assertTrue(c.check(c.transform(Tensor.constant(raw)).value()));
  }

  @Test
  void softplusInverseIsStableForLargeValues() {
    INDArray raw = Constraints.positive().inverse(arr(500, 1e-8));
    assertEquals(500, raw.getDouble(0), 1e-9);
    assertEquals(Math.log(1e-8), raw.getDouble(1), 1e-6);
  }

  @Test
  void simplexRowsSumToOneInFloat() {
    INDArray raw = Nd4j.rand(DataType.FLOAT, 4, 23).muli(20);
    INDArray p = Constraints.simplex().transform(Tensor.constant(raw)).value();
    assertTrue(Constraints.simplex().check(p));
  }

  @Test
  void intervalNeedsOrderedFiniteBounds() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Constraints.interval(2, 1));
    assertEquals("interval constraint: need finite lo < hi, got [2.0, 1.0]", e.getMessage());
  }

  private static INDArray arr(double... values) {
    return Nd4j.createFromArray(values);
  }
}
