package org.pmm.experiment.metrics;

/** Shape and value checks and counting on 0/1 matrices of shape rows × labels. */
final class LabelMatrices {
  private LabelMatrices() {}

  /** Checks that both matrices are rectangular, of the same shape, and hold only 0 and 1. */
  static int checkPair(int[][] truth, int[][] predicted) {
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException("truth has " + truth.length + " rows but predictions have "
          + predicted.length);
    }
    int labels = truth.length == 0 ? 0 : truth[0].length;
    for (int i = 0; i < truth.length; i++) {
      if (truth[i].length != labels || predicted[i].length != labels) {
        throw new IllegalArgumentException("row " + i + " has " + truth[i].length
            + " true and " + predicted[i].length + " predicted labels; expected " + labels);
      }
      for (int j = 0; j < labels; j++) {
        checkBinary(truth[i][j], "truth", i, j);
        checkBinary(predicted[i][j], "prediction", i, j);
      }
    }
    return labels;
  }

  /** Confusion counts of column {@code label}. */
  static ConfusionCounts column(int[][] truth, int[][] predicted, int label) {
    long tp = 0;
    long fp = 0;
    long fn = 0;
    long tn = 0;
    for (int i = 0; i < truth.length; i++) {
      int t = truth[i][label];
      int p = predicted[i][label];
      if (t == 1 && p == 1) {
        tp++;
      } else if (p == 1) {
        fp++;
      } else if (t == 1) {
        fn++;
      } else {
        tn++;
      }
    }
    return new ConfusionCounts(tp, fp, fn, tn);
  }

  /** Confusion counts of row {@code row} (over its labels). */
  static ConfusionCounts row(int[] truth, int[] predicted) {
    long tp = 0;
    long fp = 0;
    long fn = 0;
    long tn = 0;
    for (int j = 0; j < truth.length; j++) {
      if (truth[j] == 1 && predicted[j] == 1) {
        tp++;
      } else if (predicted[j] == 1) {
        fp++;
      } else if (truth[j] == 1) {
        fn++;
      } else {
        tn++;
      }
    }
    return new ConfusionCounts(tp, fp, fn, tn);
  }

  /** Number of ones in each column, i.e. samples per genre. */
  static long[] columnCounts(int[][] labels, int width) {
    long[] counts = new long[width];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i].length != width) {
        throw new IllegalArgumentException("row " + i + " has " + labels[i].length
            + " labels; expected " + width);
      }
      for (int j = 0; j < width; j++) {
        checkBinary(labels[i][j], "label", i, j);
        counts[j] += labels[i][j];
      }
    }
    return counts;
  }

  private static void checkBinary(int value, String what, int row, int label) {
    if (value != 0 && value != 1) {
      throw new IllegalArgumentException(
          what + " at row " + row + ", label " + label + " is " + value + "; expected 0 or 1");
    }
  }
}
