package org.pmm.experiment.metrics;

/**
 * The outcome of a Welch t-test: the statistic t (positive when the first system's mean is higher),
 * the two-sided p-value, and, when the test is undefined, nulls with the reason in words.
 *
 * <pre>{@code
 * WelchResult r = WelchTest.compare(a, b);
 * if (r.defined() && r.p() < 0.05) { ... }
 * }</pre>
 */
public record WelchResult(Double t, Double p, String reason) {

  /** A defined test. */
  static WelchResult of(double t, double p) {
    return new WelchResult(t, p, null);
  }

  /** An undefined test and why. */
  static WelchResult undefined(String reason) {
    return new WelchResult(null, null, reason);
  }

  /** Whether t and p were computed. */
  public boolean defined() {
    return t != null && p != null;
  }

  /** Whether the test is defined and its p-value is below {@code alpha}. */
  public boolean significantAt(double alpha) {
    return defined() && p < alpha;
  }
}
