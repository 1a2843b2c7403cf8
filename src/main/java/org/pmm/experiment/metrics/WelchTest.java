package org.pmm.experiment.metrics;

import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Welch's unequal-variance t-test between two systems' per-cycle values of a metric, two-sided,
 * computed by Commons Math ({@link TTest#t(double[], double[])} and {@link
 * TTest#tTest(double[], double[])}). It never throws: with fewer than two cycles on a side, with
 * zero variance on both sides, or with non-finite values, it returns nulls and the reason.
 *
 * <pre>{@code
 * WelchResult r = WelchTest.compare(new double[] {0.62, 0.63, 0.61}, new double[] {0.60, 0.61, 0.60});
 * }</pre>
 */
public final class WelchTest {
  private WelchTest() {}

  /** Compares {@code a} with {@code b}; t is positive when a's mean is higher. */
  public static WelchResult compare(double[] a, double[] b) {
    if (a.length < 2 || b.length < 2) {
      return WelchResult.undefined("needs at least 2 cycles per system (have "
          + a.length + " and " + b.length + ")");
    }
    if (!allFinite(a) || !allFinite(b)) {
      return WelchResult.undefined("a per-cycle value is not finite");
    }
    MeanStd sa = MeanStd.of(a);
    MeanStd sb = MeanStd.of(b);
    if (sa.std() == 0 && sb.std() == 0) {
      // The statistic divides by zero: infinite when the means differ, 0/0 when they agree.
      return WelchResult.undefined(sa.mean() == sb.mean()
          ? "every cycle of both systems has the same value"
          : "both systems have zero variance over cycles");
    }
    try {
      TTest test = new TTest();
      return WelchResult.of(test.t(a, b), test.tTest(a, b));
    } catch (MathIllegalArgumentException | MathIllegalStateException e) {
      return WelchResult.undefined("Commons Math could not compute the test: " + e.getMessage());
    }
  }

  private static boolean allFinite(double[] values) {
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
