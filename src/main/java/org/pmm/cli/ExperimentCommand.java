package org.pmm.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pmm.experiment.run.ExperimentRows;
import org.pmm.experiment.run.SystemRun;
import org.pmm.experiment.systems.MultimodalSystem;
import org.pmm.experiment.systems.Overrides;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pmm experiment}: every row of the paper's Tables 1 and 2 and Figure 2, then the report.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
    description = "Run all systems of the paper's tables and write the report.")
final class ExperimentCommand implements Callable<Integer> {
  @Option(names = "--scale", paramLabel = "quick|paper",
      description = "quick (default; 256 units, 10 epochs, 2 cycles) or paper (SPEC §3, 5 cycles)")
  String scale = "quick";

  @Mixin
  RunOptions options = new RunOptions();

  @Override
  public Integer call() {
    if (!scale.equals("quick") && !scale.equals("paper")) {
      throw new UserError("--scale must be quick or paper, got '" + scale + "'", ExitCodes.USAGE);
    }
    Map<String, String> user = options.overrides();
    checkUserNames(user);
    options.requireResumeDirectory();
    List<SystemRun.Row> rows = new ArrayList<>();
    for (ExperimentRows.RowSpec spec : ExperimentRows.ALL) {
      String kind = spec.model().replaceFirst("^models/", "").replaceFirst("\\.pmm$", "");
      Map<String, String> o = new LinkedHashMap<>(ExperimentRows.scaleOverrides(scale));
      o.putAll(spec.overrides());
      user.forEach((k, v) -> {
        if (Overrides.names(kind).contains(k)) {
          o.put(k, v);
        }
      });
      try {
        rows.add(new SystemRun.Row(spec.name(), spec.slug(), spec.model(),
            Overrides.apply(kind, o), MultimodalSystem::create));
      } catch (IllegalArgumentException e) {
        throw new UserError(spec.slug() + ": " + e.getMessage());
      }
    }
    int cycles = options.cycles != null ? options.cycles : ExperimentRows.defaultCycles(scale);
    if (cycles < 1) {
      throw new UserError("--cycles must be at least 1, got " + cycles, ExitCodes.USAGE);
    }
    return RunSetup.run(options, rows, cycles, scale, "pmm experiment --scale " + scale);
  }

  /** A --set name must be known to at least one model (it applies to those that know it). */
  private static void checkUserNames(Map<String, String> user) {
    Map<String, Boolean> known = new HashMap<>();
    for (String kind : List.of("pmmo", "gmu", "mmo")) {
      Overrides.names(kind).forEach(n -> known.put(n, true));
    }
    for (String name : user.keySet()) {
      if (!known.containsKey(name)) {
        try {
          Overrides.apply("pmmo", Map.of(name, "0"));
        } catch (IllegalArgumentException e) {
          throw new UserError(e.getMessage());
        }
      }
    }
  }
}
