package org.pmm.experiment.metrics;

/**
 * One decision threshold per label, each chosen on validation data to maximise that label's F1
 * (positive class, {@code p >= t} predicted), for use on the test set: the test set never
 * chooses. The candidates are 0.01, 0.02, …, 0.99; among thresholds with the same validation F1
 * the one nearest the default wins, and a label with no positive in the validation set keeps
 * the default (every threshold scores 0 there).
 *
 * <pre>{@code
 * double[] t = TunedThresholds.fit(valProbabilities, valLabels, 0.5);
 * int[][] predicted = TunedThresholds.apply(testProbabilities, t);
 * }</pre>
 */
public final class TunedThresholds {
  private static final int STEPS = 100;

  private TunedThresholds() {}

  /** The thresholds, one per label (column). */
  public static double[] fit(float[][] probabilities, int[][] labels, double fallback) {
    int columns = labels.length == 0 ? 0 : labels[0].length;
    double[] thresholds = new double[columns];
    for (int j = 0; j < columns; j++) {
      thresholds[j] = fitColumn(probabilities, labels, j, fallback);
    }
    return thresholds;
  }

  private static double fitColumn(float[][] probabilities, int[][] labels, int j,
      double fallback) {
    // positives and all predictions above each candidate, counted in one pass: the candidate
    // k/100 predicts every p >= k/100
    long[] positivesAtLeast = new long[STEPS + 1];
    long[] predictedAtLeast = new long[STEPS + 1];
    long positives = 0;
    for (int i = 0; i < labels.length; i++) {
      int k = bucket(probabilities[i][j]);
      predictedAtLeast[k]++;
      if (labels[i][j] == 1) {
        positivesAtLeast[k]++;
        positives++;
      }
    }
    if (positives == 0) {
      return fallback;
    }
    for (int k = STEPS - 1; k >= 0; k--) {
      positivesAtLeast[k] += positivesAtLeast[k + 1];
      predictedAtLeast[k] += predictedAtLeast[k + 1];
    }
    double best = fallback;
    double bestF1 = -1;
    for (int k = 1; k < STEPS; k++) {
      double t = k / (double) STEPS;
      long tp = positivesAtLeast[k];
      double f1 = 2.0 * tp / (predictedAtLeast[k] + positives);
      if (f1 > bestF1 || f1 == bestF1 && Math.abs(t - fallback) < Math.abs(best - fallback)) {
        bestF1 = f1;
        best = t;
      }
    }
    return best;
  }

  /** The largest k with k/100 <= p (0 to 100), so that p >= k/100 exactly when bucket >= k. */
  private static int bucket(float p) {
    if (Float.isNaN(p)) {
      throw new IllegalArgumentException("a validation probability is NaN");
    }
    int k = (int) Math.floor(p * (double) STEPS);
    // p * 100 rounds; move to the exact boundary so that the comparison matches p >= k/100
    while (k > 0 && p < k / (double) STEPS) {
      k--;
    }
    while (k < STEPS && p >= (k + 1) / (double) STEPS) {
      k++;
    }
    return Math.max(0, Math.min(STEPS, k));
  }

  /** 0/1 predictions with each column's own threshold ({@code p >= t}). */
  public static int[][] apply(double[][] probabilities, double[] thresholds) {
    int[][] predicted = new int[probabilities.length][];
    for (int i = 0; i < probabilities.length; i++) {
      predicted[i] = new int[probabilities[i].length];
      for (int j = 0; j < probabilities[i].length; j++) {
        if (Double.isNaN(probabilities[i][j])) {
          throw new IllegalArgumentException("probability at row " + i + ", label " + j
              + " is NaN");
        }
        predicted[i][j] = probabilities[i][j] >= thresholds[j] ? 1 : 0;
      }
    }
    return predicted;
  }
}
