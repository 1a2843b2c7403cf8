package org.pmm.experiment.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Selective prediction against curves worked out by hand. */
class SelectivePredictionTest {
  /**
   * Twenty movies, one genre: the ten confident ones (p 0.95 or 0.05) are right; the ten unsure
   * ones (p 0.55) are all predicted positive, and half of them are negative.
   */
  @Test
  void leavingOutTheUnsureMoviesRaisesF1AsTheirErrorsGo() {
    double[][] p = new double[20][1];
    int[][] y = new int[20][1];
    for (int i = 0; i < 10; i++) {
      p[i][0] = i % 2 == 0 ? 0.95 : 0.05;   // confident and right
      y[i][0] = i % 2 == 0 ? 1 : 0;
    }
    for (int i = 10; i < 20; i++) {
      p[i][0] = 0.55;                         // unsure, predicted positive
      y[i][0] = i % 2;                        // half of them wrong
    }
    SelectivePrediction.Curve c = SelectivePrediction.curve(p, y, 0.5);
    assertEquals(1.0, c.coverage()[0], 1e-12);
    assertEquals(0.5, c.coverage()[10], 1e-12);
    // left out half: only the ten right ones: weighted F1 1
    assertEquals(1.0, c.weightedF1()[10], 1e-12);
    // all 20: with one genre the weighted F1 is its positive-class F1; predicted positive 15
    // (5 confident + 10 unsure), true positives 10, false positives 5, false negatives 0:
    // 2·10 / (2·10 + 5 + 0) = 0.8
    assertEquals(0.8, c.weightedF1()[0], 1e-12);
  }

  @Test
  void theAreaIsTheMeanHeightOfTheCurve() {
    SelectivePrediction.Curve flat = new SelectivePrediction.Curve(
        new double[] {1.0, 0.75, 0.5}, new double[] {0.6, 0.6, 0.6});
    assertEquals(0.6, flat.area(), 1e-12);
    SelectivePrediction.Curve rising = new SelectivePrediction.Curve(
        new double[] {1.0, 0.5}, new double[] {0.5, 0.7});
    assertEquals(0.6, rising.area(), 1e-12);
    assertArrayEquals(new double[] {1.0, 0.5}, rising.coverage());
  }
}
