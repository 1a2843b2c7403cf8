package org.pmm.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by {@code train} and {@code experiment} (SPEC §7). */
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

  @Option(names = "--resume", paramLabel = "DIR", description = "continue a killed run")
  Path resume;

  @Option(names = "--quiet", description = "no progress on standard error")
  boolean quiet;

  @Option(names = "--skip-nonfinite",
      description = "skip batches whose loss or gradient is not finite (counted in results.json"
          + " as skipped_batches) instead of stopping with exit code 3")
  boolean skipNonFinite;

  /** The --set pairs, in order; a malformed pair is a usage error. */
  Map<String, String> overrides() {
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

  /** A --resume directory must exist: resuming from a typo must not silently start afresh. */
  void requireResumeDirectory() {
    if (resume != null && !java.nio.file.Files.isDirectory(resume)) {
      throw new UserError("cannot resume: directory '" + resume + "' does not exist");
    }
    if (resume != null) {
      // Refuse rather than silently start a fresh run: checkpoints are not written yet.
      throw new UserError("cannot resume '" + resume + "': this version writes no checkpoints;"
          + " results.json in that directory holds every system that finished");
    }
  }

  Path outputDirectory() {
    if (out != null) {
      return out;
    }
    return Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }
}
