package org.pmm.data;

import java.util.List;

/**
 * The 23 MM-IMDb genres in the column order of {@code genres}, with their counts in the real file
 * (25,959 movies) and its labels-per-movie distribution. The surrogate generator reproduces these
 * statistics; {@code pmm data inspect} prints them next to a file's own.
 *
 * <pre>{@code
 * int drama = Genres.COUNTS[Genres.NAMES.indexOf("Drama")];   // 13967
 * }</pre>
 */
public final class Genres {
  private Genres() {}

  /** Number of genres (columns of {@code genres}). */
  public static final int COUNT = 23;

  /** Rows of the real file. */
  public static final int MMIMDB_ROWS = 25_959;

  /** Genre names in column order. */
  public static final List<String> NAMES = List.of(
      "Drama", "Comedy", "Romance", "Thriller", "Crime", "Action", "Adventure", "Horror",
      "Documentary", "Mystery", "Sci-Fi", "Fantasy", "Family", "Biography", "War", "History",
      "Music", "Animation", "Musical", "Western", "Sport", "Short", "Film-Noir");

  /** Movies per genre in the real file, in column order. */
  static final int[] COUNTS = {
      13967, 8592, 5364, 5192, 3838, 3550, 2710, 2703, 2082, 2057, 1991, 1933, 1668, 1343, 1335,
      1143, 1045, 997, 841, 705, 634, 471, 338};

  /**
   * Fraction of movies with 1, 2, 3, 4, 5 and 6 genres in the real file (the last entry stands
   * for "6 or more"); the generator gives 6 genres to that share.
   */
  static final double[] LABELS_PER_MOVIE = {0.23, 0.32, 0.27, 0.13, 0.045, 0.012};

  /** The real file's count of a genre scaled to a file of {@code rows} movies. */
  public static double expectedCount(int genre, int rows) {
    return COUNTS[genre] * (double) rows / MMIMDB_ROWS;
  }

  /** Index of a genre name, or -1. */
  public static int indexOf(String name) {
    return NAMES.indexOf(name);
  }
}
