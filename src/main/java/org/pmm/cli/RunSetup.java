package org.pmm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pmm.data.DefaultData;
import org.pmm.data.MmImdbData;
import org.pmm.data.Split;
import org.pmm.experiment.checkpoint.CheckpointDirectory;
import org.pmm.experiment.checkpoint.DataFingerprint;
import org.pmm.experiment.checkpoint.Digests;
import org.pmm.experiment.checkpoint.RunManifest;
import org.pmm.experiment.report.ExperimentResults;
import org.pmm.experiment.report.ReportInputs;
import org.pmm.experiment.run.CycleTrainer;
import org.pmm.experiment.run.ExperimentDriver;
import org.pmm.experiment.run.Progress;
import org.pmm.experiment.run.SystemRun;
import org.pmm.experiment.systems.NonFiniteLossException;
import org.pmm.experiment.systems.SystemConfig;
import org.pmm.lang.ast.SourceFile;
import org.pmm.lang.program.CheckedProgram;

/**
 * What {@code train} and {@code experiment} share: checking the output directory, loading and
 * splitting the data (the surrogate by default), recording the run for checkpoints (or checking
 * that a resumed run is the same run), running the systems and turning failures into the exit
 * codes of SPEC §7.
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
   */
  static int run(RunOptions options, String command, List<SystemRun.Row> rows, int cycles,
      String scale, String commandLine) {
    Progress progress = new Progress(System.err, options.quiet);
    Path out = options.outputDirectory();
    Path manifestFile = CheckpointDirectory.manifestFile(out);
    RunManifest saved = options.resume == null ? null : savedManifest(out, manifestFile);
    if (saved == null && holdsCheckpoints(out)) {
      throw new UserError("output directory '" + out + "' holds the checkpoints of an earlier run:"
          + " continue it with --resume " + out + ", or delete " + out.resolve(
              CheckpointDirectory.NAME) + " (or choose another --out) to start afresh");
    }
    if (saved != null) {
      // Everything but the data can be compared before the data file is read.
      refuseDifferences(out, saved, manifest(command, scale, options.seed, cycles, saved.data(),
          rows));
    }
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
    data.standardizeInPlace(split.train());
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    progress.say(String.format("data: %s, %d rows (train %d, dev %d, test %d), loaded in %.1f s",
        dataPath, data.rows(), split.train().length, split.dev().length, split.test().length,
        loadSeconds));
    long t1 = System.nanoTime();
    RunManifest manifest = manifest(command, scale, options.seed, cycles, fingerprint(dataPath),
        rows);
    double hashSeconds = (System.nanoTime() - t1) / 1e9;
    CheckpointDirectory checkpoints = new CheckpointDirectory(out, manifest,
        options.checkpointEvery);
    try {
      if (saved != null) {
        refuseDifferences(out, saved, manifest);
        if (!saved.data().path().equals(manifest.data().path())) {
          progress.say("note: the data file was '" + saved.data().path() + "' when the run"
              + " started; '" + dataPath + "' has the same content");
        }
        checkpoints.removeStaleTemporaries();
      } else {
        manifest.write(manifestFile);
      }
    } catch (IOException e) {
      throw new UserError("cannot write to output directory '" + out + "': " + IoErrors.describe(e));
    }
    ReportInputs.Builder inputs = ReportInputs.builder(data.genreNames())
        .trainLabels(CycleTrainer.labelsOf(data, split.train()))
        .testLabels(CycleTrainer.labelsOf(data, split.test()))
        .threshold(first.threshold())
        .commandLine(commandLine)
        .timing("data loading and standardisation", loadSeconds)
        .timing("data file hash (for checkpoints)", hashSeconds);
    if (scale != null) {
      inputs.scale(scale);
    }
    Path checkpointDir = out.resolve(CheckpointDirectory.NAME);
    try {
      ExperimentResults results = new ExperimentDriver(data, split, dataPath.toString(), out,
          progress).skippingNonFinite(options.skipNonFinite).checkpointingTo(checkpoints)
          .run(rows, cycles, options.seed, inputs);
      progress.say("results: " + out.resolve("results.json") + ", report: "
          + out.resolve("report.md"));
      return results == null ? ExitCodes.BAD_INPUT : ExitCodes.OK;
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

  /** Whether {@code <out>/checkpoints} exists with anything in it. */
  private static boolean holdsCheckpoints(Path out) {
    Path dir = out.resolve(CheckpointDirectory.NAME);
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var files = Files.list(dir)) {
      return files.findAny().isPresent();
    } catch (IOException e) {
      return false;   // unreadable: the writability check that follows says why
    }
  }

  private static RunManifest savedManifest(Path out, Path file) {
    try {
      return RunManifest.read(file);
    } catch (IOException e) {
      throw new UserError("cannot resume '" + out + "': " + IoErrors.describe(e));
    }
  }

  private static void refuseDifferences(Path out, RunManifest saved, RunManifest now) {
    List<String> differences = saved.differences(now);
    if (!differences.isEmpty()) {
      throw new UserError("cannot resume '" + out + "' with another configuration or data"
          + " file: " + String.join("; ", differences));
    }
  }

  private static DataFingerprint fingerprint(Path dataPath) {
    try {
      return DataFingerprint.of(dataPath);
    } catch (IOException e) {
      throw new UserError("cannot read data file '" + dataPath + "': " + IoErrors.describe(e));
    }
  }

  private static RunManifest manifest(String command, String scale, long seed, int cycles,
      DataFingerprint data, List<SystemRun.Row> rows) {
    List<RunManifest.SystemEntry> systems = rows.stream().map(r -> RunManifest.SystemEntry.of(
        r.slug(), r.model(), r.modelDigest(), r.config().resolved())).toList();
    return new RunManifest(command, scale, seed, cycles, data, systems);
  }

  /** SHA-256 of a checked program's source files (the model and what it imports), in order. */
  static String modelDigest(CheckedProgram program) {
    StringBuilder all = new StringBuilder();
    for (SourceFile f : program.sources()) {
      all.append(f.displayPath()).append('\0').append(f.text()).append('\0');
    }
    return Digests.text(all.toString());
  }
}
