package org.pmm.experiment.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * A floor that any trained system must clear: predict, for every test movie, the k genres that are
 * most frequent in the training labels, with k the training set's mean number of labels per movie
 * rounded to the nearest integer (at least 1). Ties in frequency go to the earlier column. It uses
 * no features, so its F1 measures what the label distribution alone gives.
 *
 * <pre>{@code
 * FrequencyBaseline b = FrequencyBaseline.fit(trainLabels);
 * F1Scores floor = b.score(testLabels);
 * }</pre>
 */
public final class FrequencyBaseline {
  private final int[] predictedGenres;
  private final int genres;

  private FrequencyBaseline(int[] predictedGenres, int genres) {
    this.predictedGenres = predictedGenres;
    this.genres = genres;
  }

  /** Learns the genre frequencies and k from the training labels (rows × genres, not empty). */
  public static FrequencyBaseline fit(int[][] trainLabels) {
    if (trainLabels.length == 0) {
      throw new IllegalArgumentException("the frequency baseline needs at least one training row");
    }
    int genres = trainLabels[0].length;
    long[] counts = GenreCounts.perGenre(trainLabels, genres);
    int k = (int) Math.max(1, Math.round(GenreCounts.meanLabelsPerRow(trainLabels)));
    int[] top = IntStream.range(0, genres).boxed()
        .sorted(Comparator.comparingLong((Integer j) -> -counts[j]).thenComparingInt(j -> j))
        .limit(Math.min(k, genres)).mapToInt(Integer::intValue).toArray();
    return new FrequencyBaseline(top, genres);
  }

  /** Column indices of the predicted genres, most frequent first. */
  public int[] predictedGenres() {
    return predictedGenres.clone();
  }

  /** The same 0/1 prediction for each of {@code rows} rows. */
  public int[][] predict(int rows) {
    int[] row = new int[genres];
    for (int j : predictedGenres) {
      row[j] = 1;
    }
    int[][] predicted = new int[rows][];
    for (int i = 0; i < rows; i++) {
      predicted[i] = Arrays.copyOf(row, genres);
    }
    return predicted;
  }

  /** F1 scores of the baseline's prediction against {@code testLabels}. */
  public F1Scores score(int[][] testLabels) {
    return MultilabelF1.score(testLabels, predict(testLabels.length));
  }
}
