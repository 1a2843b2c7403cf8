package org.pmm.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pmm.experiment.run.SystemRun;
import org.pmm.experiment.systems.MultimodalSystem;
import org.pmm.experiment.systems.Overrides;
import org.pmm.experiment.systems.SystemConfig;
import org.pmm.lang.check.ProgramChecker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code pmm train MODEL.pmm}: trains one system for K cycles and writes results.json, the
 * predictions of each cycle and a short report.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train one system (models/pmmo.pmm, models/gmu.pmm, models/mmo.pmm).")
final class TrainCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL.pmm", description = "the model file")
  Path model;

  @Mixin
  RunOptions options = new RunOptions();

  @Override
  public Integer call() {
    if (!Files.isRegularFile(model)) {
      throw new UserError("model file '" + model + "' does not exist");
    }
    String kind = model.getFileName().toString().replaceFirst("\\.pmm$", "");
    if (!List.of("pmmo", "gmu", "mmo").contains(kind)) {
      throw new UserError("'" + model + "': train runs the paper's systems pmmo, gmu and mmo");
    }
    Map<String, String> overrides = options.overrides();
    // The model file is checked (names, shapes, --set values) before any data is read or any
    // training starts (SPEC §2); a CheckFailed prints its errors in the canonical form.
    ProgramChecker.checkFile(model, model.toString(), overrides);
    options.requireResumeDirectory();
    SystemConfig config;
    try {
      config = Overrides.apply(kind, overrides);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    String name = switch (kind) {
      case "pmmo" -> "PM+MO";
      case "gmu" -> "GMU baseline";
      default -> "M+MO";
    };
    SystemRun.Row row = new SystemRun.Row(name, kind, model.toString(), config,
        MultimodalSystem::create);
    int cycles = options.cycles == null ? 1 : options.cycles;
    if (cycles < 1) {
      throw new UserError("--cycles must be at least 1, got " + cycles, ExitCodes.USAGE);
    }
    return RunSetup.run(options, List.of(row), cycles, null,
        "pmm train " + model + " " + String.join(" ", options.sets.stream()
            .map(s -> "--set " + s).toList()));
  }
}
