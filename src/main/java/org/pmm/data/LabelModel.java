package org.pmm.data;

import java.util.SplittableRandom;

/**
 * Draws the surrogate's genre matrix so that its statistics match MM-IMDb's.
 *
 * <ol>
 *   <li>Labels per movie: exactly {@code round(N * p_k)} movies get k genres (k = 1..6, the
 *       real file's distribution, 6 standing for "6 or more"), in random order.</li>
 *   <li>Affinity: every movie has latent themes {@code u ~ N(0, I_7)} ({@link GenreProfile});
 *       its affinity for genre g is {@code s_g = A_g . u + e_g}, {@code e_g ~ N(0, 1)}. Genres
 *       loading on the same theme are positively correlated (Family-Animation, Thriller-Crime,
 *       Thriller-Mystery, War-History); opposite loadings make negative correlations
 *       (Drama against Comedy, Documentary, Horror).</li>
 *   <li>Assignment: a movie with k genres takes the k largest {@code s_g + price_g}. The prices
 *       are tuned (at most a few hundred rounds of log-ratio updates with a decaying step) until
 *       every genre's count is within half a percent (or one movie) of its target, the real
 *       count scaled to N (and by the few extra labels the exact quotas of step 1 imply).</li>
 * </ol>
 */
final class LabelModel {
  private static final int MAX_ROUNDS = 600;

  private LabelModel() {}

  /** The genre matrix, row-major N x 23 of 0/1. */
  static byte[] draw(int rows, RandomStreams streams) {
    int g = Genres.COUNT;
    SplittableRandom random = streams.stream(1, 0);
    int[] perMovie = labelsPerMovie(rows, random);
    float[] affinity = affinities(rows, random);
    // The quotas of step 1 give a few more labels (mean 2.497) than the real counts (2.480);
    // spread the difference over the genres in proportion so that the targets are reachable.
    long slots = 0;
    for (int k : perMovie) {
      slots += k;
    }
    double expectedSlots = 0;
    for (int j = 0; j < g; j++) {
      expectedSlots += Genres.expectedCount(j, rows);
    }
    double[] target = new double[g];
    double[] price = new double[g];
    for (int j = 0; j < g; j++) {
      target[j] = Genres.expectedCount(j, rows) * slots / expectedSlots;
      price[j] = Math.log(target[j] / rows);
    }
    byte[] labels = new byte[rows * g];
    int[] counts = new int[g];
    for (int round = 0; round < MAX_ROUNDS; round++) {
      assign(affinity, perMovie, price, labels, counts);
      boolean done = true;
      double step = 0.5 / (1 + round / 100.0);
      for (int j = 0; j < g; j++) {
        double error = counts[j] - target[j];
        if (Math.abs(error) > Math.max(1.0, 0.005 * target[j])) {
          done = false;
        }
        price[j] += step * (Math.log(target[j] + 0.5) - Math.log(counts[j] + 0.5));
      }
      if (done) {
        break;
      }
    }
    return labels;
  }

  private static int[] labelsPerMovie(int rows, SplittableRandom random) {
    double[] share = Genres.LABELS_PER_MOVIE;
    double total = 0;
    for (double s : share) {
      total += s;
    }
    int[] perMovie = new int[rows];
    int filled = 0;
    for (int k = share.length; k >= 2; k--) {
      int n = (int) Math.round(rows * share[k - 1] / total);
      for (int i = 0; i < n && filled < rows; i++) {
        perMovie[filled++] = k;
      }
    }
    while (filled < rows) {
      perMovie[filled++] = 1;
    }
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = perMovie[i];
      perMovie[i] = perMovie[j];
      perMovie[j] = t;
    }
    return perMovie;
  }

  private static float[] affinities(int rows, SplittableRandom random) {
    int g = Genres.COUNT;
    double[][] loadings = GenreProfile.THEME_LOADINGS;
    int themes = GenreProfile.THEMES.length;
    float[] affinity = new float[rows * g];
    double[] u = new double[themes];
    for (int r = 0; r < rows; r++) {
      for (int t = 0; t < themes; t++) {
        u[t] = RandomStreams.gaussian(random);
      }
      for (int j = 0; j < g; j++) {
        double s = RandomStreams.gaussian(random);
        for (int t = 0; t < themes; t++) {
          s += loadings[j][t] * u[t];
        }
        affinity[r * g + j] = (float) s;
      }
    }
    return affinity;
  }

  /** Gives every movie its top-k genres by affinity plus price; counts per genre. */
  private static void assign(float[] affinity, int[] perMovie, double[] price, byte[] labels,
      int[] counts) {
    int g = Genres.COUNT;
    java.util.Arrays.fill(counts, 0);
    java.util.Arrays.fill(labels, (byte) 0);
    double[] value = new double[g];
    for (int r = 0; r < perMovie.length; r++) {
      int base = r * g;
      for (int j = 0; j < g; j++) {
        value[j] = affinity[base + j] + price[j];
      }
      for (int k = 0; k < perMovie[r]; k++) {
        int best = 0;
        for (int j = 1; j < g; j++) {
          if (value[j] > value[best]) {
            best = j;
          }
        }
        labels[base + best] = 1;
        counts[best]++;
        value[best] = Double.NEGATIVE_INFINITY;
      }
    }
  }
}
