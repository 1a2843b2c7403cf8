package org.pmm.experiment.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WelchTestTest {
  @Test
  void statisticMatchesHandArithmetic() {
    // a: mean 2.5, variance 5/3; b: mean 5, variance 20/3; n = 4 each.
    // standard error² = (5/3)/4 + (20/3)/4 = 25/12; t = −2.5 / sqrt(25/12) = −sqrt(3).
    // (The p-value, 0.1516 with Welch–Satterthwaite df = 1875/425, is checked against SciPy
    // in SklearnReferenceTest.)
    WelchResult r = WelchTest.compare(new double[] {1, 2, 3, 4}, new double[] {2, 4, 6, 8});
    assertEquals(-Math.sqrt(3), r.t(), 1e-12);
    assertTrue(r.defined());
    assertFalse(r.significantAt(0.05));
  }

  @Test
  void tooFewCyclesGivesAReasonNotAnException() {
    WelchResult r = WelchTest.compare(new double[] {0.6}, new double[] {0.5, 0.55});
    assertNull(r.t());
    assertNull(r.p());
    assertTrue(r.reason().contains("at least 2 cycles"), r.reason());
    assertFalse(r.significantAt(0.05));
  }

  @Test
  void zeroVarianceOnBothSides() {
    WelchResult same = WelchTest.compare(new double[] {0.6, 0.6}, new double[] {0.6, 0.6});
    assertFalse(same.defined());
    assertNotNull(same.reason());
    WelchResult apart = WelchTest.compare(new double[] {0.6, 0.6}, new double[] {0.5, 0.5});
    assertFalse(apart.defined());
    assertTrue(apart.reason().contains("zero variance"), apart.reason());
  }

  @Test
  void nonFiniteValues() {
    WelchResult r = WelchTest.compare(new double[] {0.6, Double.NaN}, new double[] {0.5, 0.4});
    assertFalse(r.defined());
  }
}
