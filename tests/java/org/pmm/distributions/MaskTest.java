package org.pmm.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.Tensor;

/** mask() zeroes the log-density of masked elements and keeps the others. */
class MaskTest {
  @Test
  void maskedElementsContributeNothing() {
    Tensor loc = Tensor.constant(Nd4j.createFromArray(0.0, 0.0, 0.0));
    Tensor scale = Tensor.constant(Nd4j.createFromArray(1.0, 1.0, 1.0));
    Distribution d = new Normal(loc, scale).mask(Nd4j.createFromArray(1.0, 0.0, 1.0));
    double[] lp = d.logProb(Tensor.constant(Nd4j.createFromArray(0.0, 1.0, 2.0))).value()
        .toDoubleVector();
    double c = -0.5 * Math.log(2 * Math.PI);
    assertArrayEquals(new double[] {c, 0.0, c - 2.0}, lp, 1e-12);
  }
}
