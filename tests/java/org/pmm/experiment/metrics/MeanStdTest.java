package org.pmm.experiment.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeanStdTest {
  @Test
  void sampleStandardDeviationUsesNMinusOne() {
    // mean (0.61 + 0.63 + 0.62)/3 = 0.62; squared deviations 1e-4 + 1e-4 + 0 = 2e-4;
    // divided by n − 1 = 2 -> 1e-4; sqrt -> 0.01 (n would give 0.00816)
    MeanStd m = MeanStd.of(0.61, 0.63, 0.62);
    assertEquals(0.62, m.mean(), 1e-12);
    assertEquals(0.01, m.std(), 1e-12);
  }

  @Test
  void oneCycleHasZeroSpread() {
    assertEquals(new MeanStd(0.7, 0.0), MeanStd.of(0.7));
  }

  @Test
  void noCyclesIsNaN() {
    MeanStd m = MeanStd.of();
    assertTrue(Double.isNaN(m.mean()) && Double.isNaN(m.std()));
  }
}
