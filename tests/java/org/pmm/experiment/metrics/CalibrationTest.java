package org.pmm.experiment.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The calibration scores against values worked out by hand from their definitions. */
class CalibrationTest {
  @Test
  void aCalibratedPredictorHasNoCalibrationError() {
    // p = 0.25 everywhere, one positive in four: every pair in one bin, mean 0.25, fraction 0.25
    double[][] p = {{0.25, 0.25}, {0.25, 0.25}};
    double[][] y = {{1, 0}, {0, 0}};
    Calibration.Scores s = Calibration.of(p, y, 15);
    assertEquals(0.0, s.ece(), 1e-15);
    assertEquals((0.75 * 0.75 + 3 * 0.0625) / 4, s.brier(), 1e-15);
    assertEquals(-(Math.log(0.25) + 3 * Math.log(0.75)) / 4, s.nll(), 1e-12);
  }

  @Test
  void theErrorIsTheWeightedGapPerBin() {
    // bin of 0.9 (two negatives): gap 0.9; bin of 0.1 (one positive, one negative): gap 0.4
    double[][] p = {{0.9, 0.1}, {0.9, 0.1}};
    double[][] y = {{0, 1}, {0, 0}};
    assertEquals(0.5 * 0.9 + 0.5 * 0.4, Calibration.of(p, y, 15).ece(), 1e-12);
  }

  @Test
  void theReliabilityBinsHoldTheirPairs() {
    double[][] p = {{0.9, 0.1}, {0.9, 0.2}};
    double[][] y = {{1, 0}, {0, 1}};
    java.util.List<Calibration.Bin> bins = Calibration.bins(p, y, 5);
    assertEquals(5, bins.size());
    assertEquals(2, bins.get(0).count());   // [0, 0.2]: 0.1 and 0.2
    assertEquals(0.15, bins.get(0).meanProbability(), 1e-15);
    assertEquals(0.5, bins.get(0).fractionPositive(), 1e-15);
    assertEquals(0, bins.get(2).count());
    assertEquals(new Calibration.Bin(2, 0.9, 0.5), bins.get(4));
  }

  @Test
  void binsAreClosedOnTheRightAsSearchsortedMakesThem() {
    assertEquals(0, Calibration.bin(0.0, 15));
    assertEquals(0, Calibration.bin(1.0 / 15, 15));
    assertEquals(1, Calibration.bin(Math.nextUp(1.0 / 15), 15));
    assertEquals(6, Calibration.bin(7.0 / 15, 15));
    assertEquals(14, Calibration.bin(1.0, 15));
    assertEquals(14, Calibration.bin(Math.nextUp(14.0 / 15), 15));
  }

  @Test
  void certainWrongAnswersCostTheClippedLogarithm() {
    double[][] p = {{1.0}};
    double[][] y = {{0}};
    assertEquals(-Math.log1p(-(1 - 1e-15)), Calibration.of(p, y, 15).nll(), 1e-6);
  }

  @Test
  void badInputIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> Calibration.of(new double[][] {{1.5}}, new double[][] {{1}}, 15));
    assertThrows(IllegalArgumentException.class,
        () -> Calibration.of(new double[][] {{0.5}}, new double[][] {{1}, {0}}, 15));
  }
}
