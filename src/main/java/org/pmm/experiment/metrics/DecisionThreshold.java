package org.pmm.experiment.metrics;

/**
 * Turns predicted probabilities into 0/1 predictions: a label is predicted when its probability is
 * at least the threshold ({@code p >= threshold}). scikit-learn leaves thresholding to the caller;
 * we include the boundary so that a probability of exactly 0.5 counts as positive at the default
 * threshold 0.5, as {@code round(p)} would not.
 *
 * <pre>{@code
 * int[][] predicted = DecisionThreshold.apply(probabilities, 0.5);
 * }</pre>
 */
public final class DecisionThreshold {
  private DecisionThreshold() {}

  /** Predictions for probabilities of shape rows × labels; NaN probabilities are rejected. */
  public static int[][] apply(double[][] probabilities, double threshold) {
    checkThreshold(threshold);
    int[][] predicted = new int[probabilities.length][];
    for (int i = 0; i < probabilities.length; i++) {
      double[] row = probabilities[i];
      predicted[i] = new int[row.length];
      for (int j = 0; j < row.length; j++) {
        checkProbability(row[j], i, j);
        predicted[i][j] = row[j] >= threshold ? 1 : 0;
      }
    }
    return predicted;
  }

  /** As {@link #apply(double[][], double)} for single-precision probabilities. */
  public static int[][] apply(float[][] probabilities, double threshold) {
    checkThreshold(threshold);
    int[][] predicted = new int[probabilities.length][];
    for (int i = 0; i < probabilities.length; i++) {
      float[] row = probabilities[i];
      predicted[i] = new int[row.length];
      for (int j = 0; j < row.length; j++) {
        checkProbability(row[j], i, j);
        predicted[i][j] = row[j] >= threshold ? 1 : 0;
      }
    }
    return predicted;
  }

  private static void checkThreshold(double threshold) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
    }
  }

  private static void checkProbability(double p, int row, int label) {
    // A NaN would silently become "negative"; a diverged model must be reported, not scored.
    if (Double.isNaN(p)) {
      throw new IllegalArgumentException(
          "probability at row " + row + ", label " + label + " is NaN");
    }
  }
}
