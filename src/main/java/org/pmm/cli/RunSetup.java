package org.pmm.cli;

import org.pmm.base.ExitCodes;
import org.pmm.base.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.pmm.experiment.run.GridShare;
import org.pmm.data.DefaultData;
import org.pmm.data.MmImdbData;
import org.pmm.data.Split;
import org.pmm.experiment.checkpoint.CheckpointDirectory;
import org.pmm.experiment.report.ExperimentResults;
import org.pmm.experiment.report.ReportInputs;
import org.pmm.experiment.run.ExperimentDriver;
import org.pmm.experiment.run.Progress;
import org.pmm.experiment.run.SystemRun;
import org.pmm.infer.NonFiniteLossException;
import org.pmm.experiment.systems.SystemConfig;

/**
 * What {@code train} and {@code experiment} share: checking the output directory, loading and
 * splitting the data (the surrogate by default), setting up checkpoints ({@link CheckpointSetup}),
 * running the systems and turning failures into the exit codes of docs/cli.md.
 */
final class RunSetup {
  private RunSetup() {}

  /**
   * The path as results and reports show it: relative to the working directory when the file
   * lies below it (the default surrogate does), so that no machine's directory layout ends up
   * in shared results.
   */
  static Path displayed(Path path) {
    Path cwd = Path.of("").toAbsolutePath();
    Path abs = path.toAbsolutePath().normalize();
    return abs.startsWith(cwd) ? cwd.relativize(abs) : path;
  }

  /**
   * Runs the systems and returns the exit code.
   *
   * @param command {@code train} or {@code experiment} (recorded in the checkpoints' manifest)
   * @param scale the experiment's scale, or null for {@code train}
   * @param commandLine the command line as typed ({@link TypedCommand}), shown in the report
   */
  static int run(RunOptions options, String command, List<SystemRun.Row> rows, int cycles,
      String scale, String commandLine) {
    return run(options, command, rows, cycles, scale, commandLine, GridPart.WHOLE);
  }

  /** As {@link #run(RunOptions, String, List, int, String, String)} for a part of the grid. */
  static int run(RunOptions options, String command, List<SystemRun.Row> rows, int cycles,
      String scale, String commandLine, GridPart part) {
    int workers = options.workers();
    Progress progress = Progress.standardError(options.quiet, options.verbose);
    Path out = options.outputDirectory();
    CheckpointSetup checkpointSetup = CheckpointSetup.beforeData(options, out, command, scale,
        cycles, rows, commandLine, part);
    try {
      ExperimentDriver.checkWritable(out);
      ExperimentDriver.checkWritable(out.resolve(CheckpointDirectory.NAME));
    } catch (IOException e) {
      throw new UserError("cannot write to output directory '" + out + "': " + IoErrors.describe(e));
    }
    long t0 = System.nanoTime();
    Path dataPath = displayed(options.data != null ? options.data
        : DefaultData.ensure(progress::say));
    if (!Files.exists(dataPath)) {
      throw new UserError("data file '" + dataPath + "' does not exist");
    }
    MmImdbData data = MmImdbData.load(dataPath);
    data.warnings().forEach(w -> progress.say("warning: " + w));
    SystemConfig first = rows.get(0).config();
    Split split = Split.create(first.split(), data, first.splitSeed());
    split.requireEveryPart(data, "to train on");
    data.standardizeInPlace(split.train());
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    progress.say(String.format("data: %s, %d rows (train %d, dev %d, test %d), loaded in %.1f s",
        dataPath, data.rows(), split.train().length, split.dev().length, split.test().length,
        loadSeconds));
    long t1 = System.nanoTime();
    CheckpointDirectory checkpoints = checkpointSetup.withData(dataPath, progress);
    double hashSeconds = (System.nanoTime() - t1) / 1e9;
    ReportInputs.Builder inputs = ReportInputs.builder(data.genreNames())
        .trainLabels(data.labelRows(split.train()))
        .testLabels(data.labelRows(split.test()))
        .threshold(first.threshold())
        .commandLine(commandLine)
        .timing("data loading and standardisation", loadSeconds)
        .timing("data file hash (for checkpoints)", hashSeconds);
    if (scale != null) {
      inputs.scale(scale);
    }
    if (part.mergeCommand() != null) {
      inputs.mergeCommand(part.mergeCommand());
    }
    Path checkpointDir = out.resolve(CheckpointDirectory.NAME);
    Signals.resumeHint(part.joins()
        ? "finished cycles and the last checkpoint are in " + out + " (continue: run the same"
            + " command again)"
        : "finished results and the last checkpoint are in " + out + " (continue with --resume "
            + out + ")");
    try {
      ExperimentDriver driver = new ExperimentDriver(data, split, dataPath.toString(), out,
          progress).skippingNonFinite(options.skipNonFinite).checkpointingTo(checkpoints)
          .trainingAtOnce(workers);
      if (part.kind() == GridPart.Kind.SHARE) {
        Set<GridShare.Cell> cells = driver.runShare(rows, cycles, options.seed, part.share());
        progress.say("share " + part.share() + " finished: " + cells.size()
            + (cells.size() == 1 ? " cycle" : " cycles") + " in " + out + "; when every share"
            + " has finished: pmm experiment --merge " + out);
        return ExitCodes.OK;
      }
      ExperimentResults results = part.kind() == GridPart.Kind.MERGE
          ? driver.merge(rows, cycles, options.seed, inputs)
          : driver.run(rows, cycles, options.seed, inputs);
      if (results.partial()) {
        progress.say("partial: " + results.missing().size() + " of " + rows.size() * cycles
            + " cycles have not finished and are left out of the report: "
            + String.join(", ", results.missing().stream()
                .map(m -> m.slug() + " cycle " + (m.cycle() + 1)).toList()));
      }
      progress.say("results: " + out.resolve("results.json") + ", report: "
          + out.resolve("report.md"));
      return ExitCodes.OK;
    } catch (NonFiniteLossException e) {
      throw new UserError("training stopped: " + e.getMessage()
          + "; results of systems already finished are in " + out + ", the last good checkpoint"
          + " in " + checkpointDir + " (continue with --resume " + out
          + (options.skipNonFinite ? "" : ", perhaps with --skip-nonfinite") + ")",
          ExitCodes.TRAINING_STOPPED);
    } catch (IOException e) {
      throw new UserError("training stopped: writing to '" + out + "' failed: "
          + IoErrors.describe(e) + "; the last complete checkpoint in " + checkpointDir
          + " is intact (free space, then continue with --resume " + out + ")",
          ExitCodes.TRAINING_STOPPED, e);
    }
  }
}
