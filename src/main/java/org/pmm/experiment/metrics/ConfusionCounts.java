package org.pmm.experiment.metrics;

/**
 * True/false positives and negatives of one binary column (or of one row, or pooled over many).
 * F1 is {@code 2·TP / (2·TP + FP + FN)}, which equals scikit-learn's harmonic mean of precision
 * and recall with zero_division = 0 (when TP = 0 the F1 is 0 whichever of them is undefined).
 *
 * <pre>{@code
 * ConfusionCounts c = new ConfusionCounts(3, 1, 2, 10);
 * c.f1Positive();   // 6 / 9
 * }</pre>
 */
public record ConfusionCounts(long truePositives, long falsePositives, long falseNegatives,
    long trueNegatives) {

  /** F1 of the positive class (label 1), 0 when it has no true and no predicted positives. */
  public double f1Positive() {
    return f1(truePositives, falsePositives, falseNegatives);
  }

  /** F1 of the negative class (label 0 seen as the positive one): TN takes the role of TP. */
  public double f1Negative() {
    return f1(trueNegatives, falseNegatives, falsePositives);
  }

  /** Number of true positives plus false negatives: the rows whose true label is 1. */
  public long supportPositive() {
    return truePositives + falseNegatives;
  }

  /** Number of rows whose true label is 0. */
  public long supportNegative() {
    return trueNegatives + falsePositives;
  }

  /** Element-wise sum, for pooling (micro averaging). */
  public ConfusionCounts plus(ConfusionCounts other) {
    return new ConfusionCounts(truePositives + other.truePositives,
        falsePositives + other.falsePositives, falseNegatives + other.falseNegatives,
        trueNegatives + other.trueNegatives);
  }

  static double f1(long tp, long fp, long fn) {
    long denominator = 2 * tp + fp + fn;
    return denominator == 0 ? 0.0 : 2.0 * tp / denominator;
  }
}
