package org.pmm.experiment.report;

import static org.pmm.experiment.report.MarkdownTable.f3;
import static org.pmm.experiment.report.MarkdownTable.meanStd;
import static org.pmm.experiment.report.MarkdownTable.pEquals;
import static org.pmm.experiment.report.MarkdownTable.signed;
import static org.pmm.experiment.report.MarkdownTable.tValue;

import java.util.Optional;
import org.pmm.experiment.metrics.F1Scores;

/** Plain sentences about Welch comparisons and the PM+MO-against-GMU verdict. */
final class ComparisonText {
  /** Significance level of every sentence in the report. */
  static final double ALPHA = 0.05;

  private ComparisonText() {}

  /** The comparison of a and b on a metric from the results, or a fresh one if not recorded. */
  static Comparison find(ExperimentResults results, SystemResult a, SystemResult b,
      String metric) {
    return results.comparisons().stream()
        .filter(c -> c.a().equals(a.slug()) && c.b().equals(b.slug()) && c.metric().equals(metric))
        .findFirst().orElseGet(() -> Comparison.of(a, b, metric));
  }

  /** "beyond chance at p < 0.05 (Welch t = 3.36, p = 0.0114)" or why it is not. */
  static String chance(Comparison c) {
    if (c.welchT() == null || c.p() == null) {
      return "no test of chance is possible ("
          + (c.note() == null ? "undefined" : c.note()) + ")";
    }
    String stats = "(Welch t = " + tValue(c.welchT()) + ", " + pEquals(c.p()) + ")";
    return c.significantAt(ALPHA)
        ? "the difference is beyond chance at p < 0.05 " + stats
        : "the difference is not beyond chance at p < 0.05 " + stats;
  }

  /** One sentence about a pair on one metric. */
  static String sentence(String question, SystemResult a, SystemResult b, Comparison c) {
    double ma = a.mean().get(c.metric());
    double mb = b.mean().get(c.metric());
    return question + ": " + a.name() + " " + f3(ma) + " against " + b.name() + " " + f3(mb)
        + " " + label(c.metric()) + " F1 (" + signed(ma - mb) + "); " + chance(c) + ".";
  }

  /** The paragraph that answers "does PM+MO beat the GMU baseline?" on weighted F1. */
  static String verdict(ExperimentResults results, SystemResult pmmo, SystemResult gmu) {
    Comparison c = find(results, pmmo, gmu, "weighted");
    double diff = pmmo.mean().weighted() - gmu.mean().weighted();
    int higher = 0;
    for (String m : F1Scores.METRICS) {
      if (pmmo.mean().get(m) > gmu.mean().get(m)) {
        higher++;
      }
    }
    String scores = pmmo.name() + " scores a weighted F1 of "
        + meanStd(pmmo.mean().weighted(), pmmo.std().weighted()) + " against the "
        + gmu.name() + "'s " + meanStd(gmu.mean().weighted(), gmu.std().weighted()) + " ("
        + signed(diff) + ", " + pmmo.cycles().size() + " and " + gmu.cycles().size()
        + " cycles)";
    String answer;
    if (diff > 0 && c.significantAt(ALPHA)) {
      answer = "**Yes.** " + scores + ", and " + chance(c) + ".";
    } else if (diff > 0) {
      answer = "**Not shown.** " + scores + ": its mean is higher, but " + chance(c)
          + ", so this run does not show that PM+MO beats the GMU baseline.";
    } else {
      answer = "**No.** " + scores + ": PM+MO does not score higher; " + chance(c) + ".";
    }
    return answer + " PM+MO's mean is higher on " + higher + " of the 4 F1 averages. (The paper "
        + "reports " + signed(0.617 - 0.608) + " weighted F1 for PM+MO (λKL+L2) over the GMU "
        + "baseline on the real MM-IMDb.)";
  }

  /** "weighted", "micro", ... as written in a sentence. */
  static String label(String metric) {
    return metric;
  }

  /** A pair's systems, if both are in the results. */
  static Optional<SystemResult[]> pair(ExperimentResults results, String a, String b) {
    Optional<SystemResult> sa = results.system(a);
    Optional<SystemResult> sb = results.system(b);
    return sa.isPresent() && sb.isPresent()
        ? Optional.of(new SystemResult[] {sa.get(), sb.get()}) : Optional.empty();
  }
}
