package org.pmm.experiment.metrics;

/**
 * How well predicted probabilities match the frequencies of what happens, over every movie ×
 * genre pair: the expected calibration error (ECE), the Brier score and the negative
 * log-likelihood.
 *
 * <ul>
 *   <li>ECE: the probabilities binned into {@code bins} equal-width bins on [0, 1], Σ_b (n_b / n)
 *       · |mean probability in b − fraction positive in b|. Bin b holds (b / B, (b + 1) / B], the
 *       first also 0: numpy's {@code searchsorted(edges[1:-1], p)}, as scikit-learn's
 *       {@code calibration_curve} bins.
 *   <li>Brier: the mean of (p − y)².
 *   <li>NLL: the mean of −[y log p + (1 − y) log(1 − p)], p clipped to [1e-15, 1 − 1e-15] as
 *       scikit-learn's {@code log_loss} does for doubles.
 * </ul>
 *
 * <pre>{@code
 * Calibration.Scores s = Calibration.of(probabilities, labels, 15);   // rows × genres each
 * s.ece();   // 0.034
 * }</pre>
 */
public final class Calibration {
  /** The number of bins of the experiment's reliability diagram and ECE. */
  public static final int BINS = 15;
  private static final double CLIP = 1e-15;

  /** The three scores of one set of predictions. */
  public record Scores(double ece, double brier, double nll) {}

  /** One bin of a reliability diagram: its pairs, their mean probability, the share positive. */
  public record Bin(long count, double meanProbability, double fractionPositive) {}

  private Calibration() {}

  /**
   * Scores of probabilities {@code p[row][genre]} against 0/1 labels {@code y[row][genre]}.
   *
   * @throws IllegalArgumentException for shapes that differ, no pairs, or a probability outside
   *     [0, 1]
   */
  public static Scores of(double[][] p, double[][] y, int bins) {
    java.util.List<Bin> reliability = bins(p, y, bins);   // checks the input first
    double brier = 0;
    double nll = 0;
    long n = 0;
    for (int r = 0; r < p.length; r++) {
      for (int g = 0; g < p[r].length; g++) {
        double pi = p[r][g];
        double yi = y[r][g];
        brier += (pi - yi) * (pi - yi);
        double c = Math.min(Math.max(pi, CLIP), 1 - CLIP);
        nll -= yi * Math.log(c) + (1 - yi) * Math.log1p(-c);
        n++;
      }
    }
    double ece = 0;
    for (Bin b : reliability) {
      if (b.count() > 0) {
        ece += (double) b.count() / n * Math.abs(b.meanProbability() - b.fractionPositive());
      }
    }
    return new Scores(ece, brier / n, nll / n);
  }

  /**
   * The reliability diagram's bins (empty ones with count 0 and NaN means), in order.
   *
   * @throws IllegalArgumentException as {@link #of}
   */
  public static java.util.List<Bin> bins(double[][] p, double[][] y, int bins) {
    if (p.length != y.length || p.length == 0) {
      throw new IllegalArgumentException("probabilities and labels need the same rows, got "
          + p.length + " and " + y.length);
    }
    double[] sumP = new double[bins];
    double[] sumY = new double[bins];
    long[] count = new long[bins];
    for (int r = 0; r < p.length; r++) {
      if (p[r].length != y[r].length) {
        throw new IllegalArgumentException("row " + r + ": " + p[r].length + " probabilities, "
            + y[r].length + " labels");
      }
      for (int g = 0; g < p[r].length; g++) {
        double pi = p[r][g];
        double yi = y[r][g];
        if (!(pi >= 0 && pi <= 1)) {
          throw new IllegalArgumentException("probability " + pi + " at row " + r + ", genre "
              + g + " is not in [0, 1]");
        }
        int b = bin(pi, bins);
        sumP[b] += pi;
        sumY[b] += yi;
        count[b]++;
      }
    }
    java.util.List<Bin> out = new java.util.ArrayList<>();
    for (int b = 0; b < bins; b++) {
      out.add(new Bin(count[b], sumP[b] / count[b], sumY[b] / count[b]));
    }
    return out;
  }

  /** The bin of p: the number of interior edges b / B strictly below it. */
  static int bin(double p, int bins) {
    int b = (int) Math.ceil(p * bins) - 1;
    // p · B rounds: compare with the edges themselves, as searchsorted does
    while (b > 0 && p <= (double) b / bins) {
      b--;
    }
    while (b < bins - 1 && p > (double) (b + 1) / bins) {
      b++;
    }
    return Math.max(0, Math.min(bins - 1, b));
  }
}
