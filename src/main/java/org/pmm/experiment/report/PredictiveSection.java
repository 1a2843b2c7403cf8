package org.pmm.experiment.report;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The report's section on predictive uncertainty: per system, how its test predictive was drawn
 * (guide draws for the variational systems, MC dropout for the deterministic ones), the weighted
 * F1 and calibration of the predictive mean beside the point prediction's, the mean spread, and
 * whether the spread ranks errors: the selective-prediction area with movies ranked by their
 * predictive standard deviation against ranked by their margin. Then the headline PM+MO row
 * against the GMU on the area by spread (Welch's t-test).
 *
 * <pre>{@code
 * PredictiveSection.append(md, results);   // "## Predictive uncertainty (test set)" and its table
 * }</pre>
 */
final class PredictiveSection {
  private PredictiveSection() {}

  static void append(StringBuilder md, ExperimentResults r) {
    MarkdownTable t = new MarkdownTable("System", "Draws", "Weighted F1, point",
        "Weighted F1, predictive mean", "Weighted F1, chosen on validation",
        "ECE, predictive mean", "Mean sd",
        "Selective area, by margin", "Selective area, by sd");
    for (SystemResult s : r.systems()) {
      List<CycleResult> cycles = withPredictive(s);
      if (cycles.isEmpty()) {
        continue;
      }
      CycleResult.PredictiveScores first = cycles.get(0).predictive();
      t.row(s.name(), first.samples() + " × " + first.method(),
          cell(cycles, c -> c.test().weighted()),
          cell(cycles, c -> c.predictive().test().weighted()),
          chosen(cycles),
          cell(cycles, c -> c.predictive().calibration().ece()),
          cell(cycles, c -> c.predictive().meanSd()),
          cell(cycles, c -> c.predictive().selectiveAreaByMargin()),
          cell(cycles, c -> c.predictive().selectiveAreaBySd()));
    }
    if (t.isEmpty()) {
      return;
    }
    md.append("## Predictive uncertainty (test set)\n\n")
        .append("Each cycle's selected weights predict the test set again several times: the ")
        .append("variational systems with their latent weights drawn from the guide (the ")
        .append("posterior predictive), the deterministic ones with dropout left on (MC dropout, ")
        .append("their counterpart, labelled as such). The mean of the draws is scored as the ")
        .append("point prediction is; the spread (standard deviation over draws, per movie and ")
        .append("genre) is in `predictive-<slug>-cycle<k>.csv`. \"Chosen on validation\" takes, ")
        .append("per cycle, whichever of the point prediction and the predictive mean has the ")
        .append("higher validation weighted F1 (the number of cycles choosing the mean in ")
        .append("brackets): the honest pick, made without the test set. The selective areas (as in ")
        .append("Figure 5) keep the movies a ranking trusts most: by margin (mean |p − threshold| ")
        .append("of the predictive mean) or by spread (lowest mean sd first); a larger area by ")
        .append("spread than by margin means the spread finds errors the probabilities do not.\n\n")
        .append(t.render()).append("\n");
    verdict(md, r);
  }

  private static void verdict(StringBuilder md, ExperimentResults r) {
    HeadlineComparison.of(r, c -> c.predictive() == null ? null
        : c.predictive().selectiveAreaBySd()).ifPresent(h -> h.appendParagraph(md,
            "Ranked by spread, %s's selective area is %.3f against the GMU's %.3f (MC dropout)",
            "neither's uncertainty is shown to rank its errors better",
            h.name() + "'s uncertainty ranks its errors better than the GMU's",
            "the GMU's uncertainty ranks its errors better than " + h.name() + "'s"));
  }

  /** The test F1 of the prediction each cycle chose on validation, and how many chose the mean. */
  private static String chosen(List<CycleResult> cycles) {
    if (cycles.stream().anyMatch(c -> c.predictive().valWeighted() == null)) {
      return "—";
    }
    long mean = cycles.stream().filter(CycleResult::choosesPredictiveMean).count();
    return cell(cycles, CycleResult::chosenWeighted) + " (" + mean + ")";
  }

  private static List<CycleResult> withPredictive(SystemResult s) {
    return s.cycles().stream().filter(c -> c.predictive() != null).toList();
  }

  private static String cell(List<CycleResult> cycles, ToDoubleFunction<CycleResult> metric) {
    return MarkdownTable.overCycles(cycles.stream().mapToDouble(metric).toArray());
  }
}
