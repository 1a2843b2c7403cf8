package org.pmm.experiment.metrics;

/**
 * Mean and sample standard deviation (divisor n − 1) of a metric over training cycles. The
 * standard deviation of one cycle is 0, not NaN (docs/cli.md, results.json); the mean of no
 * cycles is NaN.
 *
 * <pre>{@code
 * MeanStd m = MeanStd.of(0.61, 0.63, 0.62);   // mean 0.62, std 0.01
 * }</pre>
 */
public record MeanStd(double mean, double std) {

  /** Summary of the given values. */
  public static MeanStd of(double... values) {
    if (values.length == 0) {
      return new MeanStd(Double.NaN, Double.NaN);
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    double mean = sum / values.length;
    if (values.length == 1) {
      return new MeanStd(mean, 0.0);
    }
    // Two passes: the spread is small next to the mean (F1 ≈ 0.6 ± 0.005), which a one-pass
    // sum of squares would lose to cancellation.
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return new MeanStd(mean, Math.sqrt(squares / (values.length - 1)));
  }
}
