package org.pmm.experiment.report;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.pmm.experiment.metrics.Calibration;

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
    HeadlineComparison.of(r, c -> c.calibration() == null ? null : c.calibration().ece())
        .ifPresent(h -> h.appendParagraph(md, "%s's expected calibration error is %.3f against"
            + " the GMU's %.3f", h.name() + "'s probabilities are not shown to be better or worse"
            + " calibrated than the GMU's", h.name() + "'s probabilities are worse calibrated than"
            + " the GMU's", h.name() + "'s probabilities are better calibrated than the GMU's"));
  }

  private static String cell(List<Calibration.Scores> scores,
      ToDoubleFunction<Calibration.Scores> metric) {
    return MarkdownTable.overCycles(scores.stream().mapToDouble(metric).toArray());
  }
}
