package org.pmm.cli;

import org.pmm.base.ExitCodes;
import org.pmm.base.UserError;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.pmm.experiment.run.SystemRun;
import org.pmm.experiment.systems.SystemConfig;
import org.pmm.experiment.systems.CompiledSystems;
import org.pmm.fit.GeneralTraining;
import org.pmm.lang.program.CheckedProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pmm train MODEL.pmm}: checks the model with the {@code --set} overrides, compiles it
 * and trains it for K cycles, writing results.json, the predictions of each cycle and a short
 * report. Check errors are printed in the canonical form (exit 1).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a .pmm program: an MM-IMDb system (models/pmmo.pmm, gmu.pmm, mmo.pmm)"
        + " over the experiment's data, or any other program on its inline data or --data"
        + " FILE (.json, .csv, .h5), writing summary.csv, loss.csv, loss.png and params.")
final class TrainCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL.pmm", description = "the model file")
  Path model;

  @Mixin
  RunOptions options = new RunOptions();

  @Option(names = "--summary-samples", paramLabel = "S",
      description = "guide draws behind summary.csv, for programs outside the MM-IMDb suite"
          + " (default 1000)")
  int summarySamples = 1000;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    CheckedProgram program = ModelFiles.check(model, options.overrides(), spec);
    if (program == null) {
      return ExitCodes.BAD_INPUT;
    }
    String kind = model.getFileName().toString().replaceFirst("\\.pmm$", "");
    if (!CompiledSystems.readsMmImdb(program)) {
      String experimentOnly = options.resume != null ? "--resume"
          : options.cycles != null ? "--cycles"
          : options.checkpointEvery != 0 ? "--checkpoint-every"
          : options.skipNonFinite ? "--skip-nonfinite" : null;
      if (experimentOnly != null) {
        throw new UserError(experimentOnly + " applies to the MM-IMDb systems only; " + model
            + " reads no MM-IMDb dataset", ExitCodes.USAGE);
      }
      Path out = options.outputDirectory();
      new GeneralTraining(program, options.data, out, summarySamples, options.seed,
          options.quiet ? null : System.err).verbose(options.verbose).run();
      return ExitCodes.OK;
    }
    CompiledSystems.validate(program);
    options.requireResumeDirectory();
    SystemConfig config = CompiledSystems.config(program, kind);
    SystemRun.Row row = new SystemRun.Row(CompiledSystems.displayName(program, kind), kind,
        model.toString(), config, CompiledSystems.factory(program), CheckpointSetup.modelDigest(program));
    int cycles = options.cycles == null ? 1 : options.cycles;
    if (cycles < 1) {
      throw new UserError("--cycles must be at least 1, got " + cycles, ExitCodes.USAGE);
    }
    return RunSetup.run(options, "train", List.of(row), cycles, null, TypedCommand.of(spec));
  }
}
