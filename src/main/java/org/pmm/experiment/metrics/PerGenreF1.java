package org.pmm.experiment.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-column scores of a multilabel prediction, in column order (see {@link GenreScore}).
 *
 * <p>The weighted F1 of a column is {@code (F1₁·n₁ + F1₀·n₀) / (n₁ + n₀)} with n₁, n₀ the numbers
 * of rows whose true label is 1 and 0. scikit-learn restricts the classes to those present in truth
 * or prediction; a class absent from both has support 0 and so weight 0, which gives the same value.
 *
 * <pre>{@code
 * List<GenreScore> perGenre = PerGenreF1.score(labels, DecisionThreshold.apply(probs, 0.5));
 * }</pre>
 */
public final class PerGenreF1 {
  private PerGenreF1() {}

  /** One score per column of {@code truth}; an empty list for a matrix without rows. */
  public static List<GenreScore> score(int[][] truth, int[][] predicted) {
    int labels = LabelMatrices.checkPair(truth, predicted);
    List<GenreScore> scores = new ArrayList<>(labels);
    for (int j = 0; j < labels; j++) {
      scores.add(of(LabelMatrices.column(truth, predicted, j)));
    }
    return scores;
  }

  /** The scores of one column from its confusion counts. */
  public static GenreScore of(ConfusionCounts column) {
    long positives = column.supportPositive();
    long negatives = column.supportNegative();
    long rows = positives + negatives;
    double weighted = rows == 0 ? 0.0
        : (column.f1Positive() * positives + column.f1Negative() * negatives) / rows;
    return new GenreScore(column.f1Positive(), weighted, positives);
  }
}
