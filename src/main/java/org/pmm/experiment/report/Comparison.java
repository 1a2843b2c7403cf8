package org.pmm.experiment.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.pmm.experiment.metrics.WelchResult;
import org.pmm.experiment.metrics.WelchTest;

/**
 * A Welch t-test between two systems (by slug) on one metric over cycles, as an element of
 * {@code comparisons} in {@code results.json}. {@code welch_t} is positive when {@code a} scores
 * higher. When the test is undefined (fewer than two cycles, no variance) {@code welch_t} and
 * {@code p} are null and the optional {@code note} says why.
 *
 * <pre>{@code
 * Comparison c = Comparison.of(pmmo, gmu, "weighted");
 * }</pre>
 */
public record Comparison(
    String a,
    String b,
    String metric,
    @JsonProperty("welch_t") Double welchT,
    Double p,
    @JsonInclude(JsonInclude.Include.NON_NULL) String note) {

  /** Tests {@code a} against {@code b} on {@code metric} over their cycles. */
  public static Comparison of(SystemResult a, SystemResult b, String metric) {
    WelchResult r = WelchTest.compare(a.perCycle(metric), b.perCycle(metric));
    return new Comparison(a.slug(), b.slug(), metric, r.t(), r.p(), r.reason());
  }

  /** Whether the test is defined and {@code p < alpha}. */
  public boolean significantAt(double alpha) {
    return welchT != null && p != null && p < alpha;
  }
}
