package org.pmm.experiment.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rows of the paper's Tables 1 and 2 (docs/pmmo.md, systems) and Figure 2: which model file and
 * which hyperparameter overrides make each, and the scales at which {@code pmm experiment} runs
 * them.
 *
 * <pre>{@code
 * for (ExperimentRows.RowSpec row : ExperimentRows.ALL) { ... }
 * ExperimentRows.definedBy("hidden");   // [PM+MO (λKL+L2+1024)]: --set hidden would mislabel it
 * }</pre>
 */
public final class ExperimentRows {
  private ExperimentRows() {}

  /**
   * One row: display name, slug, model file (relative to the repository), overrides, and the
   * hyperparameters that define it: those its overrides set and those its label names (the
   * estimator and penalties of a PM+MO row: "λKL+L2" is {@code elbo = annealed}, {@code l2 > 0},
   * {@code l1 = 0}). A {@code --set} of a defining hyperparameter would leave the label wrong.
   */
  public record RowSpec(String name, String slug, String model, Map<String, String> overrides,
      Set<String> defining) {}

  /** What the label of every PM+MO row names besides its overrides: its estimator and penalties. */
  private static final Set<String> PMMO_LABEL = Set.of("elbo", "l1", "l2");

  public static final List<RowSpec> ALL = List.of(
      row("PM+MO (λKL+L2)", "pmmo-lkl-l2", "pmmo"),
      row("PM+MO (λKL+L2+1024)", "pmmo-lkl-l2-1024", "pmmo", "hidden", "1024",
          "classifier_width", "1024"),
      row("GMU baseline", "gmu", "gmu"),
      row("PM+MO (λKL+L1)", "pmmo-lkl-l1", "pmmo", "l1", "0.1", "l2", "0"),
      row("PM+MO (λKL)", "pmmo-lkl", "pmmo", "l2", "0"),
      row("PM+MO (ELBOv2+L2)", "pmmo-elbov2-l2", "pmmo", "elbo", "tracegraph"),
      row("PM+MO (ELBOv2)", "pmmo-elbov2", "pmmo", "elbo", "tracegraph", "l2", "0"),
      row("PM+MO (ELBOv1+L2)", "pmmo-elbov1-l2", "pmmo", "elbo", "trace"),
      row("PM+MO (ELBOv1)", "pmmo-elbov1", "pmmo", "elbo", "trace", "l2", "0"),
      row("M+MO (2 units minus VI)", "mmo", "mmo"),
      row("GMU without regularisation", "gmu-noreg", "gmu", "batchnorm", "false", "max_norm",
          "0"));

  /** The rows a hyperparameter defines, in table order (empty when {@code --set} may change it). */
  public static List<RowSpec> definedBy(String name) {
    return ALL.stream().filter(r -> r.defining().contains(name)).toList();
  }

  /**
   * The overrides of a scale, applied to every row before the row's own (docs/cli.md, scales):
   * {@code quick} is hidden = classifier_width = 256, maxout_pieces = 2, 10 epochs; {@code paper}
   * is none.
   */
  public static Map<String, String> scaleOverrides(String scale) {
    return switch (scale) {
      case "quick" -> Map.of("hidden", "256", "classifier_width", "256", "maxout_pieces", "2",
          "epochs", "10");
      case "paper" -> Map.of();
      default -> throw new IllegalArgumentException("unknown scale '" + scale
          + "'; known: quick, paper");
    };
  }

  /** Cycles per row at a scale: quick 2, paper 5 (docs/cli.md, scales). */
  public static int defaultCycles(String scale) {
    return scale.equals("paper") ? 5 : 2;
  }

  private static RowSpec row(String name, String slug, String model, String... kv) {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      o.put(kv[i], kv[i + 1]);
    }
    Set<String> defining = new TreeSet<>(o.keySet());
    if (model.equals("pmmo")) {
      defining.addAll(PMMO_LABEL);
    }
    return new RowSpec(name, slug, "models/" + model + ".pmm", Map.copyOf(o),
        Collections.unmodifiableSet(defining));
  }
}
