package org.pmm.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.Tensor;

/** A Normal carried through exp is the log-normal, through sigmoid the logit-normal (closed forms). */
class TransformedDistributionTest {
  private static Tensor c(double... v) {
    return Tensor.constant(Nd4j.createFromArray(v));
  }

  private static double normalLogPdf(double x, double mu, double sigma) {
    double z = (x - mu) / sigma;
    return -0.5 * z * z - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
  }

  @Test
  void expOfANormalIsTheLogNormal() {
    Distribution q = new TransformedDistribution(new Normal(c(0.3, -1.0), c(0.5, 2.0)),
        Support.POSITIVE);
    double[] y = {1.7, 0.2};
    double[] lp = q.logProb(c(y)).value().toDoubleVector();
    assertEquals(normalLogPdf(Math.log(1.7), 0.3, 0.5) - Math.log(1.7), lp[0], 1e-10);
    assertEquals(normalLogPdf(Math.log(0.2), -1.0, 2.0) - Math.log(0.2), lp[1], 1e-10);
    assertEquals(Support.POSITIVE, q.support());
  }

  @Test
  void sigmoidOfANormalIsTheLogitNormal() {
    Distribution q = new TransformedDistribution(new Normal(c(0.4), c(0.8)), Support.UNIT_INTERVAL);
    double y = 0.3;
    double logit = Math.log(y / (1 - y));
    double expected = normalLogPdf(logit, 0.4, 0.8) - Math.log(y * (1 - y));
    assertEquals(expected, q.logProb(c(y)).value().getDouble(0), 1e-10);
  }

  @Test
  void aDrawIsScoredThroughItsOwnUnconstrainedValue() {
    Tensor loc = Tensor.parameter(Nd4j.createFromArray(0.2, -0.1));
    Distribution q = new TransformedDistribution(new Normal(loc, c(1.0, 1.0)).toEvent(1),
        Support.SIMPLEX);
    assertArrayEquals(new long[] {3}, q.eventShape());
    Tensor y = q.rsample(new org.pmm.tensor.RandomStream(5));
    double scored = q.logProb(y).item();
    double rescored = q.logProb(c(y.value().toDoubleVector())).item();
    assertEquals(rescored, scored, 1e-9);
  }

  @Test
  void aDiscreteSupportIsRefused() {
    assertThrows(InvalidDistributionException.class,
        () -> new TransformedDistribution(new Normal(c(0.0), c(1.0)), Support.BOOLEAN));
  }
}
