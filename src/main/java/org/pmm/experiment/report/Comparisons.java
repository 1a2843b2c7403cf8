package org.pmm.experiment.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pmm.experiment.metrics.F1Scores;

/**
 * The pairs of systems the report tests against each other: PM+MO against the GMU baseline, and
 * each regularisation against its ablation. Each pair is tested on all four F1 averages; pairs
 * with a system missing are left out.
 *
 * <pre>{@code
 * List<Comparison> comparisons = Comparisons.standard(systems);
 * }</pre>
 */
public final class Comparisons {
  private Comparisons() {}

  /**
   * A pair of slugs (a is the fuller system), what the difference measures, and the
   * hyperparameters whose values in the two systems the question states (they depend on the
   * scale and are read from the results, never assumed).
   */
  public record Pair(String a, String b, String question, List<String> shown) {
    Pair(String a, String b, String question) {
      this(a, b, question, List.of());
    }
  }

  /** The pairs in report order. */
  public static final List<Pair> STANDARD_PAIRS = List.of(
      new Pair("pmmo-lkl-l2", "gmu", "PM+MO against the GMU baseline"),
      new Pair("pmmo-lkl-l2", "pmmo-lkl-l2-1024", "layer width",
          List.of("hidden", "classifier_width")),
      new Pair("pmmo-lkl-l2", "pmmo-lkl", "L2 penalty, with KL annealing"),
      new Pair("pmmo-lkl-l1", "pmmo-lkl", "L1 penalty, with KL annealing"),
      new Pair("pmmo-elbov2-l2", "pmmo-elbov2", "L2 penalty, with ELBOv2"),
      new Pair("pmmo-elbov1-l2", "pmmo-elbov1", "L2 penalty, with ELBOv1"),
      new Pair("pmmo-lkl-l2", "pmmo-elbov1-l2", "KL annealing against the plain ELBO (both +L2)"),
      new Pair("pmmo-elbov2-l2", "pmmo-elbov1-l2", "ELBOv2 (TraceGraph) against ELBOv1 (Trace)"),
      new Pair("pmmo-lkl-l2", "mmo", "variational inference against none (M+MO)"),
      new Pair("gmu", "gmu-noreg", "batchnorm and max-norm in the GMU baseline"));

  /** Welch tests for every standard pair whose two systems are present, on every metric. */
  public static List<Comparison> standard(List<SystemResult> systems) {
    List<Comparison> out = new ArrayList<>();
    for (Pair pair : STANDARD_PAIRS) {
      Optional<SystemResult> a = find(systems, pair.a());
      Optional<SystemResult> b = find(systems, pair.b());
      if (a.isPresent() && b.isPresent()) {
        for (String metric : F1Scores.METRICS) {
          out.add(Comparison.of(a.get(), b.get(), metric));
        }
      }
    }
    return out;
  }

  /**
   * The question a standard pair answers, with the values it compares ("layer width (hidden 256
   * against 1024, classifier_width 256 against 1024)"), or "A against B" for any other pair.
   */
  static String question(SystemResult a, SystemResult b) {
    for (Pair pair : STANDARD_PAIRS) {
      if (pair.a().equals(a.slug()) && pair.b().equals(b.slug())) {
        List<String> values = new ArrayList<>();
        for (String h : pair.shown()) {
          if (a.config().containsKey(h) && b.config().containsKey(h)) {
            values.add(h + " " + a.config().get(h) + " against " + b.config().get(h));
          }
        }
        return values.isEmpty() ? pair.question()
            : pair.question() + " (" + String.join(", ", values) + ")";
      }
    }
    return a.name() + " against " + b.name();
  }

  private static Optional<SystemResult> find(List<SystemResult> systems, String slug) {
    return systems.stream().filter(s -> s.slug().equals(slug)).findFirst();
  }
}
