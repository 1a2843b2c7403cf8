package org.pmm.experiment.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of the paper's Tables 1 and 2 (docs/pmmo.md, systems) and Figure 2: which model file and
 * which hyperparameter overrides make each, and the scales at which {@code pmm experiment} runs
 * them.
 */
public final class ExperimentRows {
  private ExperimentRows() {}

  /** One row: display name, slug, model file (relative to the repository) and overrides. */
  public record RowSpec(String name, String slug, String model, Map<String, String> overrides) {}

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
    return new RowSpec(name, slug, "models/" + model + ".pmm", Map.copyOf(o));
  }
}
