package org.pmm.experiment.report;

import java.util.List;
import java.util.Locale;
import org.pmm.experiment.metrics.F1Scores;

/**
 * The report's "ELBOv1 and ELBOv2" section: why the two estimators' rows agree for PM+MO, and
 * whether this run trained them once ({@link SystemResult#TRAINED_ONCE}) or twice (then how far
 * their per-cycle scores are apart, measured).
 *
 * <pre>{@code
 * ElboSection.append(md, results);   // nothing when the run has no ELBOv1/ELBOv2 rows
 * }</pre>
 */
final class ElboSection {
  private ElboSection() {}

  static void append(StringBuilder md, ExperimentResults r) {
    boolean present = r.systems().stream().anyMatch(s -> s.slug().startsWith("pmmo-elbov"));
    if (!present) {
      return;
    }
    md.append("## ELBOv1 and ELBOv2\n\n")
        .append("Every latent variable of PM+MO is a reparameterised Laplace and the labels are ")
        .append("observed, so TraceGraph_ELBO (ELBOv2) and Trace_ELBO (ELBOv1) give identical ")
        .append("losses and gradients here: the ELBOv1 and ELBOv2 rows can differ only by chance, ")
        .append("and not at all when they share seeds. ");
    if (trainedOnce(r)) {
      md.append("So pmm trained each ELBOv1/ELBOv2 pair once, as the ELBOv2 row (which comes ")
          .append("first), and reports that training under both names (Notes): equal rows here ")
          .append("are one training, not two runs that agreed.\n\n");
      return;
    }
    md.append(seedsShared(r)
            ? "They do share seeds here (cycle k uses the same seed in every row). "
            : "In this run they do not all share seeds, so they may differ by chance. ")
        .append("Equal rows are a finding, not a bug.");
    for (String[] pair : new String[][] {{"pmmo-elbov2-l2", "pmmo-elbov1-l2"},
        {"pmmo-elbov2", "pmmo-elbov1"}}) {
      ComparisonText.pair(r, pair[0], pair[1]).ifPresent(s -> md.append(" ")
          .append(sameness(s[0], s[1])));
    }
    md.append("\n\n");
  }

  /** Whether every ELBOv1 row took its cycles from another row's training. */
  private static boolean trainedOnce(ExperimentResults r) {
    List<SystemResult> v1 = r.systems().stream().filter(s -> s.slug().startsWith("pmmo-elbov1"))
        .toList();
    return !v1.isEmpty() && v1.stream()
        .allMatch(s -> s.notes() != null && s.notes().startsWith(SystemResult.TRAINED_ONCE));
  }

  /** Whether every ELBOv1/ELBOv2 row ran the same list of cycle seeds. */
  private static boolean seedsShared(ExperimentResults r) {
    return r.systems().stream().filter(s -> s.slug().startsWith("pmmo-elbov"))
        .map(s -> s.cycles().stream().map(CycleResult::seed).toList()).distinct().count() <= 1;
  }

  /** Whether two rows' per-cycle scores agree, measured. */
  private static String sameness(SystemResult a, SystemResult b) {
    int cycles = Math.min(a.cycles().size(), b.cycles().size());
    double largest = 0;
    for (int k = 0; k < cycles; k++) {
      for (String m : F1Scores.METRICS) {
        largest = Math.max(largest,
            Math.abs(a.cycles().get(k).test().get(m) - b.cycles().get(k).test().get(m)));
      }
    }
    String rows = a.name() + " and " + b.name();
    return largest == 0 ? "In this run " + rows + " have identical test scores in every cycle."
        : String.format(Locale.ROOT, "In this run the per-cycle test scores of %s differ by at "
            + "most %.2g%s", rows, largest, largest < 0.002
                ? " (nondeterministic floating-point reductions can cause differences this small)."
                : ", more than rounding explains: check that both rows ran with the same seeds "
                    + "and settings.");
  }
}
