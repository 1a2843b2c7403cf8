package org.pmm.cli;

import org.pmm.base.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pmm.experiment.checkpoint.CheckpointDirectory;
import org.pmm.experiment.checkpoint.DataFingerprint;
import org.pmm.experiment.checkpoint.Digests;
import org.pmm.experiment.checkpoint.RunManifest;
import org.pmm.experiment.run.Progress;
import org.pmm.experiment.run.SystemRun;
import org.pmm.lang.ast.SourceFile;
import org.pmm.lang.program.CheckedProgram;

/**
 * The checkpoint side of starting a run, in two steps around loading the data. Before: a fresh
 * run must not land in a directory holding another run's checkpoints, and a resumed run must
 * have the configuration of its {@code run.json} (checked before the data is read, which takes
 * time). After: the data file's fingerprint completes the manifest, which a resumed run must
 * match and a fresh run writes.
 *
 * <pre>{@code
 * CheckpointSetup setup = CheckpointSetup.beforeData(options, out, "train", null, 1, rows,
 *     commandLine, GridPart.WHOLE);
 * ... load the data ...
 * CheckpointDirectory checkpoints = setup.withData(dataPath, progress);
 * }</pre>
 */
final class CheckpointSetup {
  private final RunOptions options;
  private final Path out;
  private final String command;
  private final String scale;
  private final int cycles;
  private final List<SystemRun.Row> rows;
  private final String commandLine;
  private final boolean joining;
  private final boolean shared;
  private final RunManifest saved;

  private CheckpointSetup(RunOptions options, Path out, String command, String scale, int cycles,
      List<SystemRun.Row> rows, String commandLine, GridPart part, RunManifest saved) {
    this.options = options;
    this.commandLine = commandLine;
    this.joining = part.joins();
    this.shared = part.kind() != GridPart.Kind.WHOLE;
    this.out = out;
    this.command = command;
    this.scale = scale;
    this.cycles = cycles;
    this.rows = rows;
    this.saved = saved;
  }

  /**
   * The checks that need no data; a refusal is a {@link UserError} saying why.
   *
   * @param commandLine the command line recorded in a fresh run's manifest
   * @param part a share of a grid continues the run its directory holds, if any (a share killed
   *     and started again resumes; the other shares started it), and otherwise starts it,
   *     whatever else the directory holds (another share may be writing there)
   */
  static CheckpointSetup beforeData(RunOptions options, Path out, String command, String scale,
      int cycles, List<SystemRun.Row> rows, String commandLine, GridPart part) {
    boolean joining = part.joins();
    RunManifest saved = null;
    if (options.resume != null
        || joining && Files.isRegularFile(CheckpointDirectory.manifestFile(out))) {
      saved = savedManifest(out);
    } else if (!joining && holdsCheckpoints(out)) {
      throw new UserError("output directory '" + out + "' holds the checkpoints of an earlier run:"
          + " continue it with --resume " + out + ", or delete "
          + out.resolve(CheckpointDirectory.NAME) + " (or choose another --out) to start afresh");
    }
    CheckpointSetup setup = new CheckpointSetup(options, out, command, scale, cycles, rows,
        commandLine, part, saved);
    if (saved != null) {
      setup.refuseDifferences(setup.manifest(saved.data()));
    }
    return setup;
  }

  /** Fingerprints the data, then checks the resumed run or records the fresh one. */
  CheckpointDirectory withData(Path dataPath, Progress progress) {
    DataFingerprint data;
    try {
      data = DataFingerprint.of(dataPath);
    } catch (IOException e) {
      throw new UserError("cannot read data file '" + dataPath + "': " + IoErrors.describe(e));
    }
    RunManifest manifest = manifest(data);
    CheckpointDirectory directory = new CheckpointDirectory(out, manifest,
        options.checkpointEvery);
    try {
      if (saved != null) {
        refuseDifferences(manifest);
        if (!saved.data().path().equals(data.path())) {
          progress.say("note: the data file was '" + saved.data().path() + "' when the run"
              + " started; '" + dataPath + "' has the same content");
        }
        if (!shared) {   // shares may be writing there: their files in the making are temporaries
          directory.removeStaleTemporaries();
        }
      } else {
        manifest.write(CheckpointDirectory.manifestFile(out));
      }
    } catch (IOException e) {
      throw new UserError("cannot write to output directory '" + out + "': "
          + IoErrors.describe(e));
    }
    return directory;
  }

  /** SHA-256 of a checked program's source files (the model and what it imports), in order. */
  static String modelDigest(CheckedProgram program) {
    StringBuilder all = new StringBuilder();
    for (SourceFile f : program.sources()) {
      all.append(f.displayPath()).append('\0').append(f.text()).append('\0');
    }
    return Digests.text(all.toString());
  }

  private RunManifest manifest(DataFingerprint data) {
    List<RunManifest.SystemEntry> systems = rows.stream().map(r -> RunManifest.SystemEntry.of(
        r.slug(), r.model(), r.modelDigest(), r.config().resolved())).toList();
    return new RunManifest(command, scale, options.seed, cycles, data, systems, commandLine,
        options.overrides());
  }

  private void refuseDifferences(RunManifest now) {
    List<String> differences = saved.differences(now);
    if (!differences.isEmpty()) {
      String what = joining ? "cannot join the run in '" + out + "' as a share of it: its other"
          + " shares run another configuration or data file: "
          : shared ? "cannot merge '" + out + "': the models, their sources or the data file"
              + " differ from those its shares ran with: "
          : "cannot resume '" + out + "' with another configuration or data file: ";
      throw new UserError(what + String.join("; ", differences));
    }
  }

  private static RunManifest savedManifest(Path out) {
    try {
      return RunManifest.read(CheckpointDirectory.manifestFile(out));
    } catch (IOException e) {
      throw new UserError("cannot resume '" + out + "': " + IoErrors.describe(e));
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
}
