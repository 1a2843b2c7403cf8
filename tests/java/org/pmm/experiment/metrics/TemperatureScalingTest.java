package org.pmm.experiment.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Temperature scaling recovers a known over- or under-confidence: labels drawn from
 * sigmoid(z), probabilities reported as sigmoid(c·z); the fitted temperature is c (the maximum
 * likelihood estimate, within sampling error), and the scaled probabilities are better
 * calibrated. The fitted temperature is also the minimum of the NLL against a fine scan.
 */
class TemperatureScalingTest {
  @Test
  void aKnownOverConfidenceIsRecovered() {
    for (double c : new double[] {3.0, 0.5}) {
      Random r = new Random(11);
      int rows = 20000;
      float[][] p = new float[rows][2];
      int[][] y = new int[rows][2];
      double[][] reported = new double[rows][2];
      double[][] truthD = new double[rows][2];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < 2; j++) {
          double z = r.nextGaussian() * 1.5;
          y[i][j] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
          p[i][j] = (float) (1 / (1 + Math.exp(-c * z)));
          reported[i][j] = p[i][j];
          truthD[i][j] = y[i][j];
        }
      }
      double t = TemperatureScaling.fit(p, y);
      assertEquals(c, t, 0.06 * c, "temperature for confidence factor " + c);
      double before = Calibration.of(reported, truthD, Calibration.BINS).ece();
      double after = Calibration.of(TemperatureScaling.apply(reported, t), truthD,
          Calibration.BINS).ece();
      assertTrue(after < before / 3, "ECE " + before + " -> " + after);
    }
  }

  @Test
  void theFitIsTheMinimumOfTheNll() {
    Random r = new Random(3);
    float[][] p = new float[300][3];
    int[][] y = new int[300][3];
    double[] logits = new double[900];
    boolean[] positive = new boolean[900];
    for (int i = 0; i < 300; i++) {
      for (int j = 0; j < 3; j++) {
        p[i][j] = (float) r.nextDouble();
        y[i][j] = r.nextDouble() < 0.3 + 0.4 * p[i][j] ? 1 : 0;
        logits[3 * i + j] = Math.log(p[i][j] / (1.0 - p[i][j]));
        positive[3 * i + j] = y[i][j] == 1;
      }
    }
    double t = TemperatureScaling.fit(p, y);
    double atFit = TemperatureScaling.nll(logits, positive, t);
    for (double s = 0.05; s < 20; s *= 1.01) {
      assertTrue(atFit <= TemperatureScaling.nll(logits, positive, s) + 1e-9,
          "NLL at " + s + " below the fit's " + t);
    }
  }
}
