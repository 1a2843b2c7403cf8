package org.pmm.experiment.report;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The report's section on what validation data can fix after training: per system, weighted F1
 * with one threshold per genre tuned on the validation set beside the fixed threshold's, and
 * the expected calibration error after a temperature fitted on the validation set beside the
 * raw one; then the headline PM+MO row against the GMU with tuned thresholds (Welch's t-test).
 *
 * <pre>{@code
 * ValidationFitsSection.append(md, results);   // "## Thresholds and temperature ..." and its table
 * }</pre>
 */
final class ValidationFitsSection {
  private ValidationFitsSection() {}

  static void append(StringBuilder md, ExperimentResults r) {
    MarkdownTable t = new MarkdownTable("System", "Weighted F1, fixed threshold",
        "Weighted F1, tuned thresholds", "ECE", "ECE after temperature", "Temperature");
    for (SystemResult s : r.systems()) {
      List<CycleResult> fitted = fitted(s);
      if (fitted.isEmpty()) {
        continue;
      }
      t.row(s.name(), cell(fitted, c -> c.test().weighted()),
          cell(fitted, c -> c.tunedThresholds().test().weighted()),
          cell(fitted, c -> c.calibration().ece()),
          cell(fitted, c -> c.temperatureScaled().ece()),
          cell(fitted, c -> c.temperatureScaled().temperature()));
    }
    if (t.isEmpty()) {
      return;
    }
    md.append("## Thresholds and temperature fitted on validation data\n\n")
        .append("The validation probabilities of each cycle's selected epoch choose one ")
        .append("threshold per genre (the one of 0.01, 0.02, …, 0.99 with the best F1 for that ")
        .append("genre) and one temperature T for every genre (p' = sigmoid(logit(p) / T), the T ")
        .append("with the lowest negative log-likelihood); both are then applied to the test set, ")
        .append("which chooses nothing. The tables above use the fixed threshold. A temperature ")
        .append("above 1 means the probabilities were over-confident.\n\n")
        .append(t.render()).append("\n");
    verdict(md, r);
  }

  /** The headline PM+MO row against the GMU, both with tuned thresholds. */
  private static void verdict(StringBuilder md, ExperimentResults r) {
    HeadlineComparison.of(r, c -> c.tunedThresholds() == null ? null
        : c.tunedThresholds().test().weighted()).ifPresent(h -> h.appendParagraph(md,
            "With tuned thresholds, %s scores %.3f weighted F1 against the GMU's %.3f",
            "neither is shown to be better", h.name() + " is better", "the GMU is better"));
  }

  private static List<CycleResult> fitted(SystemResult s) {
    return s.cycles().stream().filter(c -> c.tunedThresholds() != null
        && c.temperatureScaled() != null && c.calibration() != null).toList();
  }

  private static String cell(List<CycleResult> cycles, ToDoubleFunction<CycleResult> metric) {
    return MarkdownTable.overCycles(cycles.stream().mapToDouble(metric).toArray());
  }
}
