package org.pmm.experiment.report;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.pmm.experiment.metrics.MeanStd;
import org.pmm.experiment.metrics.WelchResult;
import org.pmm.experiment.metrics.WelchTest;

/**
 * The headline PM+MO row against the GMU on one per-cycle figure, for the report's sections
 * that end with a verdict in words: both systems' values over the cycles that have it, their
 * means and Welch's t-test.
 *
 * <pre>{@code
 * HeadlineComparison.of(results, c -> c.calibration() == null ? null : c.calibration().ece())
 *     .ifPresent(h -> md.append(h.name() + ": " + h.testText()));
 * }</pre>
 *
 * @param name the PM+MO row's display name
 */
record HeadlineComparison(String name, double[] pmmo, double[] gmu, WelchResult welch) {
  /** Null when either system lacks the figure in every cycle, or is not in the results. */
  static Optional<HeadlineComparison> of(ExperimentResults r,
      Function<CycleResult, Double> figure) {
    Optional<SystemResult> pmmo = FigureData.headlinePmmo(r);
    Optional<SystemResult> gmu = r.system("gmu");
    if (pmmo.isEmpty() || gmu.isEmpty()) {
      return Optional.empty();
    }
    double[] a = values(pmmo.get(), figure);
    double[] b = values(gmu.get(), figure);
    if (a.length == 0 || b.length == 0) {
      return Optional.empty();
    }
    return Optional.of(new HeadlineComparison(pmmo.get().name(), a, b, WelchTest.compare(a, b)));
  }

  private static double[] values(SystemResult s, Function<CycleResult, Double> figure) {
    return s.cycles().stream().map(figure).filter(v -> v != null)
        .mapToDouble(Double::doubleValue).toArray();
  }

  double pmmoMean() {
    return MeanStd.of(pmmo).mean();
  }

  double gmuMean() {
    return MeanStd.of(gmu).mean();
  }

  /** Whether the test is defined and significant at 0.05. */
  boolean significant() {
    return welch.p() != null && welch.p() < 0.05;
  }

  /**
   * The bracket and colon before the verdict: " (Welch's t = 2.10, p = 0.031 over 5 and 5
   * cycles): ", or " (no test: reason)." when the test is undefined (the sentence ends there).
   */
  String testText() {
    if (welch.p() == null) {
      return " (no test: " + welch.reason() + ").";
    }
    return String.format(Locale.ROOT, " (Welch's t = %.2f, p = %.3f over %d and %d cycles): ",
        welch.t(), welch.p(), pmmo.length, gmu.length);
  }

  /**
   * One paragraph: {@code lead} formatted with the PM+MO row's name, its mean and the GMU's,
   * the test, and the verdict that applies followed by " on this data.": {@code notShown} unless
   * the difference is significant, else {@code pmmoHigher} or {@code gmuHigher} by which mean is
   * higher. With the test undefined the paragraph ends after it.
   *
   * <pre>{@code
   * h.appendParagraph(md, "With tuned thresholds, %s scores %.3f weighted F1 against the GMU's %.3f",
   *     "neither is shown to be better", h.name() + " is better", "the GMU is better");
   * }</pre>
   */
  void appendParagraph(StringBuilder md, String lead, String notShown, String pmmoHigher,
      String gmuHigher) {
    md.append(String.format(Locale.ROOT, lead, name, pmmoMean(), gmuMean())).append(testText());
    if (welch.p() != null) {
      md.append(!significant() ? notShown : pmmoMean() > gmuMean() ? pmmoHigher : gmuHigher)
          .append(" on this data.");
    }
    md.append("\n\n");
  }
}
