package org.pmm.experiment.metrics;

/**
 * Samples per genre (the paper's Figure 1) and labels per row, from a 0/1 label matrix.
 *
 * <pre>{@code
 * long[] perGenre = GenreCounts.perGenre(labels, 23);
 * }</pre>
 */
public final class GenreCounts {
  private GenreCounts() {}

  /** Number of ones in each of the {@code genres} columns. */
  public static long[] perGenre(int[][] labels, int genres) {
    return LabelMatrices.columnCounts(labels, genres);
  }

  /** Mean number of ones per row, 0 for an empty matrix. */
  public static double meanLabelsPerRow(int[][] labels) {
    if (labels.length == 0) {
      return 0.0;
    }
    long ones = 0;
    for (long c : perGenre(labels, labels[0].length)) {
      ones += c;
    }
    return (double) ones / labels.length;
  }
}
