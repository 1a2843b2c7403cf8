package org.pmm.cli;

import org.pmm.base.ExitCodes;
import org.pmm.base.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmm.experiment.checkpoint.CheckpointDirectory;
import org.pmm.experiment.run.CycleWorkers;
import picocli.CommandLine.Option;

/** Options shared by {@code train} and {@code experiment} (docs/cli.md, commands). */
final class RunOptions {
  @Option(names = "--data", paramLabel = "FILE.h5",
      description = "MM-IMDb HDF5 file (default: the surrogate, generated on first use)")
  Path data;

  @Option(names = "--set", paramLabel = "NAME=VALUE",
      description = "override a hyperparameter (repeatable)")
  List<String> sets = List.of();

  @Option(names = "--cycles", paramLabel = "K", description = "training cycles (seeds S..S+K-1)")
  Integer cycles;

  @Option(names = "--seed", paramLabel = "S", description = "first seed (default 0)")
  long seed = 0;

  @Option(names = "--out", paramLabel = "DIR",
      description = "output directory (default runs/<yyyyMMdd-HHmmss>)")
  Path out;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "continue the killed run whose --out was DIR from its last checkpoint"
          + " (repeat the run's command and add --resume DIR); finished systems and cycles are"
          + " kept, a different configuration or data file is refused")
  Path resume;

  @Option(names = "--checkpoint-every", paramLabel = "N",
      description = "also checkpoint every N training steps, not only after every epoch"
          + " (default 0: after every epoch only); checkpoints go to <out>/checkpoints/")
  long checkpointEvery;

  @Option(names = "--workers", paramLabel = "N",
      description = "cycles trained at the same time, the cores shared among them (default: 2"
          + " on a CPU with 2 or more cores, else 1); the results do not depend on it")
  Integer workers;

  @Option(names = "--quiet", description = "no progress on standard error")
  boolean quiet;

  @Option(names = "--verbose", description = "a progress line for every training step")
  boolean verbose;

  @Option(names = "--skip-nonfinite",
      description = "skip batches whose loss or gradient is not finite (counted in results.json"
          + " as skipped_batches) instead of stopping with exit code 3")
  boolean skipNonFinite;

  /** The --set pairs, in order; a malformed pair is a usage error. */
  Map<String, String> overrides() {
    return overrides(sets);
  }

  /** The cycles to train at once: {@code --workers}, or the machine's default. */
  int workers() {
    if (workers == null) {
      return CycleWorkers.defaultCount();
    }
    if (workers < 1) {
      throw new UserError("--workers must be at least 1, got " + workers, ExitCodes.USAGE);
    }
    return workers;
  }

  /** {@code NAME=VALUE} pairs as a map, in order; a malformed pair is a usage error. */
  static Map<String, String> overrides(List<String> sets) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String s : sets) {
      int eq = s.indexOf('=');
      if (eq <= 0 || eq == s.length() - 1) {
        throw new UserError("--set expects NAME=VALUE, got '" + s + "'", ExitCodes.USAGE);
      }
      m.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
    }
    return m;
  }

  /**
   * Checks --resume and --checkpoint-every before anything is read: a --resume directory must
   * exist and hold a run's checkpoints (resuming from a typo must not silently start afresh),
   * and a --out given beside it must name the same directory.
   */
  void requireResumeDirectory() {
    if (checkpointEvery < 0) {
      throw new UserError("--checkpoint-every must be 0 or more steps, got " + checkpointEvery,
          ExitCodes.USAGE);
    }
    if (resume == null) {
      return;
    }
    if (!Files.isDirectory(resume)) {
      throw new UserError("cannot resume: directory '" + resume + "' does not exist");
    }
    if (out != null && !out.toAbsolutePath().normalize().equals(
        resume.toAbsolutePath().normalize())) {
      throw new UserError("--out '" + out + "' and --resume '" + resume + "' name different"
          + " directories; a resumed run writes into the directory it resumes", ExitCodes.USAGE);
    }
    if (!Files.isRegularFile(CheckpointDirectory.manifestFile(resume))) {
      throw new UserError("cannot resume '" + resume + "': no checkpoints there ("
          + CheckpointDirectory.NAME + "/run.json is missing)");
    }
  }

  /** The --resume directory when resuming, else --out or runs/<yyyyMMdd-HHmmss>. */
  Path outputDirectory() {
    if (resume != null) {
      return resume;
    }
    if (out != null) {
      return out;
    }
    return Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }
}
