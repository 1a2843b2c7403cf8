package org.pmm.experiment.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.pmm.experiment.metrics.Calibration;
import org.pmm.experiment.metrics.MeanStd;
import org.pmm.experiment.metrics.WelchResult;
import org.pmm.experiment.metrics.WelchTest;

/**
 * The report's calibration table: per system, the expected calibration error, Brier score and
 * negative log-likelihood of its test probabilities over every movie × genre pair, mean ±
 * standard deviation over cycles (lower is better for all three).
 *
 * <pre>{@code
 * CalibrationSection.append(md, results);   // "## Calibration (test set)" and its table
 * }</pre>
 */
final class CalibrationSection {
  private CalibrationSection() {}

  static void append(StringBuilder md, ExperimentResults r) {
    MarkdownTable t = new MarkdownTable("System", "ECE", "Brier", "NLL");
    for (SystemResult s : r.systems()) {
      List<Calibration.Scores> scores = s.cycles().stream().map(CycleResult::calibration)
          .filter(Objects::nonNull).toList();
      if (scores.isEmpty()) {
        continue;
      }
      t.row(s.name(), cell(scores, Calibration.Scores::ece), cell(scores, Calibration.Scores::brier),
          cell(scores, Calibration.Scores::nll));
    }
    if (t.isEmpty()) {
      return;
    }
    md.append("## Calibration (test set)\n\n")
        .append("How well each system's probabilities match how often genres occur, over every ")
        .append("movie × genre pair of the test set: expected calibration error (probabilities in ")
        .append(Calibration.BINS).append(" equal-width bins; Σ share of pairs × |mean probability − ")
        .append("fraction positive|), Brier score (mean squared error of the probabilities) and ")
        .append("negative log-likelihood; lower is better for each.\n\n")
        .append(t.render()).append("\n");
    verdict(md, r);
  }

  /**
   * The headline PM+MO row against the GMU on expected calibration error: Welch's t-test over
   * cycles and the verdict in plain words (better calibrated only when the difference is
   * significant at 0.05).
   */
  private static void verdict(StringBuilder md, ExperimentResults r) {
    Optional<SystemResult> pmmo = FigureData.headlinePmmo(r);
    Optional<SystemResult> gmu = r.system("gmu");
    if (pmmo.isEmpty() || gmu.isEmpty()) {
      return;
    }
    double[] a = eces(pmmo.get());
    double[] b = eces(gmu.get());
    if (a.length == 0 || b.length == 0) {
      return;
    }
    WelchResult w = WelchTest.compare(a, b);
    String name = pmmo.get().name();
    MeanStd ma = MeanStd.of(a);
    MeanStd mb = MeanStd.of(b);
    md.append(String.format(Locale.ROOT, "%s's expected calibration error is %.3f against the "
        + "GMU's %.3f", name, ma.mean(), mb.mean()));
    if (w.p() == null) {
      md.append(" (no test: ").append(w.reason()).append(").\n\n");
      return;
    }
    boolean significant = w.p() < 0.05;
    String verdict = !significant ? "are not shown to be better or worse calibrated than"
        : ma.mean() < mb.mean() ? "are better calibrated than" : "are worse calibrated than";
    md.append(String.format(Locale.ROOT, " (Welch's t = %.2f, p = %.3f over %d and %d cycles): "
        + "%s's probabilities %s the GMU's on this data.%n%n", w.t(), w.p(), a.length, b.length,
        name, verdict));
  }

  private static double[] eces(SystemResult s) {
    return s.cycles().stream().map(CycleResult::calibration).filter(Objects::nonNull)
        .mapToDouble(Calibration.Scores::ece).toArray();
  }

  private static String cell(List<Calibration.Scores> scores,
      ToDoubleFunction<Calibration.Scores> metric) {
    double[] v = scores.stream().mapToDouble(metric).toArray();
    if (v.length == 1) {
      return MarkdownTable.f3(v[0]);
    }
    MeanStd m = MeanStd.of(v);
    return MarkdownTable.meanStd(m.mean(), m.std());
  }
}
