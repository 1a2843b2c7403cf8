package org.pmm.experiment.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thresholds tuned on validation data: a separable label gets a threshold that separates it; on
 * random data each chosen threshold's F1 equals the best F1 over the candidates, computed here
 * by thresholding and scoring every candidate with {@link MultilabelF1}'s per-label F1 (an
 * independent path from the cumulative counts the fit uses); a label without positives keeps
 * the default.
 */
class TunedThresholdsTest {
  @Test
  void aSeparableLabelIsSeparated() {
    float[][] p = {{0.30f}, {0.32f}, {0.10f}, {0.12f}, {0.05f}};
    int[][] y = {{1}, {1}, {0}, {0}, {0}};
    double t = TunedThresholds.fit(p, y, 0.5)[0];
    assertTrue(t > 0.12 && t <= 0.30, "threshold " + t + " separates 0.12 from 0.30");
    assertEquals(0.30, t, 1e-12, "of the thresholds with F1 1, the one nearest 0.5");
  }

  @Test
  void eachThresholdIsTheBestCandidateForItsLabel() {
    Random r = new Random(7);
    int rows = 400;
    int labels = 5;
    float[][] p = new float[rows][labels];
    int[][] y = new int[rows][labels];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < labels; j++) {
        y[i][j] = r.nextDouble() < 0.1 + 0.15 * j ? 1 : 0;
        double score = 0.6 * y[i][j] + r.nextGaussian() * 0.35 - 0.2;
        p[i][j] = (float) (1 / (1 + Math.exp(-3 * score)));
      }
    }
    double[] t = TunedThresholds.fit(p, y, 0.5);
    for (int j = 0; j < labels; j++) {
      double best = 0;
      for (int k = 1; k < 100; k++) {
        best = Math.max(best, columnF1(p, y, j, k / 100.0));
      }
      assertEquals(best, columnF1(p, y, j, t[j]), 1e-12, "label " + j + " at " + t[j]);
      assertTrue(columnF1(p, y, j, t[j]) >= columnF1(p, y, j, 0.5), "never worse than 0.5");
    }
  }

  @Test
  void aLabelWithoutPositivesKeepsTheDefault() {
    float[][] p = {{0.9f, 0.2f}, {0.7f, 0.8f}};
    int[][] y = {{0, 1}, {0, 0}};
    assertEquals(0.4, TunedThresholds.fit(p, y, 0.4)[0]);
  }

  @Test
  void probabilitiesOnACandidateCountAsPredicted() {
    // 0.3f is a little above 0.3, 0.7f a little below 0.7: p >= t decides, as DecisionThreshold
    float[][] p = {{0.3f}, {0.7f}, {0.29f}};
    int[][] y = {{1}, {1}, {0}};
    double t = TunedThresholds.fit(p, y, 0.5)[0];
    int[][] predicted = TunedThresholds.apply(new double[][] {{0.3f}, {0.7f}, {0.29f}},
        new double[] {t});
    assertEquals(1, predicted[0][0]);
    assertEquals(1, predicted[1][0]);
    assertEquals(0, predicted[2][0]);
  }

  private static double columnF1(float[][] p, int[][] y, int j, double t) {
    int[][] truth = new int[p.length][1];
    float[][] column = new float[p.length][1];
    for (int i = 0; i < p.length; i++) {
      truth[i][0] = y[i][j];
      column[i][0] = p[i][j];
    }
    return MultilabelF1.score(column, truth, t).macro();
  }
}
