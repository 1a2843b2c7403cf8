package org.pmm.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.pmm.base.ExitCodes;
import org.pmm.base.UserError;
import org.pmm.experiment.systems.CompiledSystems;
import org.pmm.fit.Prediction;
import org.pmm.lang.program.CheckedProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pmm predict MODEL.pmm --params RUN_DIR [--data FILE] [--samples S] [--out DIR]}: the
 * posterior predictive of every observed site of a program {@code pmm train} trained, as
 * {@code predictive.csv}.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Posterior predictive of a trained .pmm program: draws from the guide, then"
        + " the model's observed sites given each draw, and writes predictive.csv"
        + " (site,mean,sd,q5,q50,q95 per element). The data file may leave out the observed"
        + " entries.")
final class PredictCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL.pmm", description = "the model file")
  Path model;

  @Option(names = "--params", paramLabel = "RUN_DIR", required = true,
      description = "the directory pmm train wrote (its file 'params'), or a params file")
  Path params;

  @Option(names = "--data", paramLabel = "FILE",
      description = "data (.json, .csv, .h5); default: the program's inline data")
  Path data;

  @Option(names = "--samples", paramLabel = "S",
      description = "posterior-predictive draws (default 1000)")
  int samples = 1000;

  @Option(names = "--out", paramLabel = "DIR",
      description = "where predictive.csv goes (default: RUN_DIR)")
  Path out;

  @Option(names = "--set", paramLabel = "NAME=VALUE",
      description = "override a hyperparameter, as when training (repeatable)")
  List<String> sets = List.of();

  @Option(names = "--seed", paramLabel = "S", description = "seed of the draws (default 0)")
  long seed = 0;

  @Option(names = "--quiet", description = "do not print the table")
  boolean quiet;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    CheckedProgram program = ModelFiles.check(model, RunOptions.overrides(sets), spec);
    if (program == null) {
      return ExitCodes.BAD_INPUT;
    }
    if (CompiledSystems.readsMmImdb(program)) {
      throw new UserError(model + " is an MM-IMDb system: its predictions are written by pmm"
          + " train and pmm experiment (predictions-*.csv)", ExitCodes.USAGE);
    }
    Path outDir = out != null ? out : java.nio.file.Files.isDirectory(params) ? params
        : params.toAbsolutePath().getParent();
    new Prediction(program, params, data, outDir, samples, seed, quiet ? null : System.err).run();
    return ExitCodes.OK;
  }
}
