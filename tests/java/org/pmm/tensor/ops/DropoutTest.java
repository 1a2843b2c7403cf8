package org.pmm.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;

/** The fused dropout against the composition it replaces, on the same draws. */
class DropoutTest {
  /** Uniform draws with the keep probability's float neighbours planted among them. */
  private static INDArray draws(double keep) {
    Nd4j.getRandom().setSeed(7);
    INDArray u = Nd4j.rand(DataType.FLOAT, 37, 1000);
    float t = (float) keep;
    float[] planted = {t, Math.nextDown(t), Math.nextUp(t), 0f, Math.nextDown(1f)};
    for (int i = 0; i < planted.length; i++) {
      u.putScalar(100L * i + 3, planted[i]);
    }
    return u;
  }

  @ParameterizedTest(name = "p = {0}")
  @ValueSource(doubles = {0.5, 0.7, 0.1, 0.3})
  void valuesAndGradientsEqualTheCompositionBitForBit(double p) {
    Nd4j.getRandom().setSeed(8);
    INDArray xv = Nd4j.randn(DataType.FLOAT, 37, 1000);
    INDArray w = Nd4j.randn(DataType.FLOAT, 37, 1000);
    INDArray[] fused = run(xv, w, p, true);
    INDArray[] composed = run(xv, w, p, false);
    assertEquals(composed[0], fused[0], "outputs");
    assertEquals(composed[1], fused[1], "gradients");
    double kept = fused[0].neq(0).castTo(DataType.FLOAT).meanNumber().doubleValue();
    assertTrue(Math.abs(kept - (1 - p)) < 0.02, "kept " + kept + " of the units");
  }

  private static INDArray[] run(INDArray xv, INDArray w, double p, boolean fused) {
    Tensor x = Tensor.parameter(xv.dup());
    try (StepScope step = StepScope.open()) {
      INDArray u = draws(1 - p);
      Tensor y = fused ? Dropout.withDraws(x, p, u) : Dropout.composed(x, p, u);
      y.mul(Tensor.constant(w)).sum().backward();
      return new INDArray[] {y.value().dup(), x.grad().dup()};
    }
  }
}
