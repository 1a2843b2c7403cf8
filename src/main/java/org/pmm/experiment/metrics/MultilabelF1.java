package org.pmm.experiment.metrics;

/**
 * F1 micro, macro, weighted and samples of a multilabel prediction, with exactly the definitions
 * of scikit-learn's {@code f1_score(y_true, y_pred, average=..., zero_division=0)}:
 * <ul>
 *   <li>micro: TP, FP and FN pooled over every cell, then {@code 2TP / (2TP + FP + FN)};</li>
 *   <li>macro: the unweighted mean of every label's F1, including labels with no true and no
 *       predicted positives (their F1 is 0);</li>
 *   <li>weighted: the labels' F1 weighted by their support (number of true positives + false
 *       negatives); 0 when no label has any support;</li>
 *   <li>samples: the mean over rows of each row's F1; a row with no true and no predicted labels
 *       scores 0.</li>
 * </ul>
 * Any of them is 0 for a matrix with no rows.
 *
 * <pre>{@code
 * F1Scores s = MultilabelF1.score(probabilities, labels, 0.5); // p >= 0.5 is positive
 * }</pre>
 */
public final class MultilabelF1 {
  private MultilabelF1() {}

  /** Scores 0/1 predictions against 0/1 truth, both rows × labels. */
  public static F1Scores score(int[][] truth, int[][] predicted) {
    int labels = LabelMatrices.checkPair(truth, predicted);
    ConfusionCounts pooled = new ConfusionCounts(0, 0, 0, 0);
    double macroSum = 0;
    double weightedSum = 0;
    long totalSupport = 0;
    for (int j = 0; j < labels; j++) {
      ConfusionCounts column = LabelMatrices.column(truth, predicted, j);
      pooled = pooled.plus(column);
      double f1 = column.f1Positive();
      macroSum += f1;
      weightedSum += f1 * column.supportPositive();
      totalSupport += column.supportPositive();
    }
    double samplesSum = 0;
    for (int i = 0; i < truth.length; i++) {
      samplesSum += LabelMatrices.row(truth[i], predicted[i]).f1Positive();
    }
    double micro = pooled.f1Positive();
    double macro = labels == 0 ? 0.0 : macroSum / labels;
    double weighted = totalSupport == 0 ? 0.0 : weightedSum / totalSupport;
    double samples = truth.length == 0 ? 0.0 : samplesSum / truth.length;
    return new F1Scores(micro, macro, weighted, samples);
  }

  /** Scores probabilities thresholded with {@link DecisionThreshold} ({@code p >= threshold}). */
  public static F1Scores score(double[][] probabilities, int[][] truth, double threshold) {
    return score(truth, DecisionThreshold.apply(probabilities, threshold));
  }

  /** As {@link #score(double[][], int[][], double)} for single-precision probabilities. */
  public static F1Scores score(float[][] probabilities, int[][] truth, double threshold) {
    return score(truth, DecisionThreshold.apply(probabilities, threshold));
  }
}
