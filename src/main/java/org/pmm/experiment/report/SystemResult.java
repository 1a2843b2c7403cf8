package org.pmm.experiment.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmm.experiment.metrics.F1Scores;
import org.pmm.experiment.metrics.MeanStd;

/**
 * One system (one row of the paper's tables) in {@code results.json}: display name, slug (see
 * docs/cli.md, slugs), model file, every hyperparameter resolved (insertion order kept), its
 * cycles, and the mean and sample standard deviation (n − 1; 0 for one cycle) of the four test F1
 * averages over cycles. {@code notes} is optional.
 *
 * <pre>{@code
 * SystemResult gmu = SystemResult.summarise("GMU baseline", "gmu", "models/gmu.pmm", config, cycles);
 * }</pre>
 */
public record SystemResult(
    String name,
    String slug,
    String model,
    Map<String, Object> config,
    List<CycleResult> cycles,
    F1Scores mean,
    F1Scores std,
    @JsonInclude(JsonInclude.Include.NON_NULL) String notes) {

  /**
   * How the notes of a row begin when its cycles are another row's training (the two compute
   * the same thing), e.g. "trained once with PM+MO (ELBOv2+L2) (...)".
   */
  public static final String TRAINED_ONCE = "trained once with ";

  /** Keeps the configuration's order and makes the record immutable. */
  public SystemResult {
    config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    cycles = List.copyOf(cycles);
  }

  /** Builds a system and computes {@code mean} and {@code std} from the cycles' test scores. */
  public static SystemResult summarise(String name, String slug, String model,
      Map<String, Object> config, List<CycleResult> cycles) {
    return summarise(name, slug, model, config, cycles, null);
  }

  /** As {@link #summarise(String, String, String, Map, List)} with a note for the reader. */
  public static SystemResult summarise(String name, String slug, String model,
      Map<String, Object> config, List<CycleResult> cycles, String notes) {
    MeanStd[] s = new MeanStd[F1Scores.METRICS.size()];
    for (int m = 0; m < s.length; m++) {
      String metric = F1Scores.METRICS.get(m);
      s[m] = MeanStd.of(cycles.stream().mapToDouble(c -> c.test().get(metric)).toArray());
    }
    return new SystemResult(name, slug, model, config, cycles,
        new F1Scores(s[0].mean(), s[1].mean(), s[2].mean(), s[3].mean()),
        new F1Scores(s[0].std(), s[1].std(), s[2].std(), s[3].std()), notes);
  }

  /** The per-cycle test values of one metric ({@link F1Scores#METRICS}). */
  public double[] perCycle(String metric) {
    return cycles.stream().mapToDouble(c -> c.test().get(metric)).toArray();
  }
}
