package org.pmm.cli;

import org.pmm.base.ExitCodes;
import org.pmm.base.UserError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pmm.data.FileSummary;
import org.pmm.data.Genres;
import org.pmm.data.MmImdbData;
import org.pmm.data.MmImdbFile;
import org.pmm.data.ReadProgress;
import org.pmm.data.SurrogateGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pmm data}: generate the surrogate MM-IMDb file, inspect any MM-IMDb-layout file, and
 * probe what it asks of a model ({@link DataProbeCommand}).
 *
 * <pre>{@code
 * ./pmm data generate --out data/surrogate.h5 --rows 25959 --seed 0
 * ./pmm data inspect data/surrogate.h5 --time
 * ./pmm data probe data/surrogate.h5
 * }</pre>
 */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Generate, inspect or probe MM-IMDb HDF5 files.",
    subcommands = {DataCommand.Generate.class, DataCommand.Inspect.class,
        DataProbeCommand.class})
public final class DataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** {@code pmm data generate --out FILE.h5 [--rows N] [--seed S]}. */
  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Write a surrogate MM-IMDb file (same layout and statistics, seeded).")
  static final class Generate implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE.h5",
        description = "File to write (atomically: a crash leaves no partial file).")
    Path out;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "" + Genres.MMIMDB_ROWS,
        description = "Movies to generate (default: ${DEFAULT-VALUE}, MM-IMDb's size).")
    int rows;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
        description = "Random seed; the same seed gives the same file (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quiet", description = "No progress on standard error.")
    boolean quiet;

    @Override
    public Integer call() {
      if (rows <= 0) {
        throw new UserError("--rows must be positive, got " + rows, ExitCodes.USAGE);
      }
      long start = System.nanoTime();
      try {
        SurrogateGenerator.write(out, rows, seed, line -> {
          if (!quiet) {
            System.err.println("pmm: " + line);
          }
        });
      } catch (IOException e) {
        throw new UserError("cannot write '" + out + "': " + IoErrors.describe(e));
      }
      if (!quiet) {
        System.err.printf("pmm: wrote %s (%d movies, seed %d) in %.1f s%n", out, rows, seed,
            (System.nanoTime() - start) / 1e9);
      }
      return ExitCodes.OK;
    }
  }

  /**
   * {@code pmm data inspect FILE.h5 [--time] [--quiet]}: the summary on standard output; a value
   * that training would refuse (NaN feature, label other than 0/1) is then an error naming its row
   * and column, exit 1.
   */
  @Command(name = "inspect", mixinStandardHelpOptions = true,
      description = "Print layout, genre counts, labels per movie and feature statistics; "
          + "exit 1 if a value would stop training.")
  static final class Inspect implements Callable<Integer> {
    /** Reads shorter than this print no progress. */
    private static final long QUIET_NANOS = 2_000_000_000L;

    @Parameters(paramLabel = "FILE.h5", description = "An MM-IMDb-layout HDF5 file.")
    Path file;

    @Option(names = "--time", description = "Also time loading the whole file into memory "
        + "(open, read and validate all four datasets), as training does.")
    boolean time;

    @Option(names = "--quiet", description = "No progress on standard error (a read that takes "
        + "more than 2 s otherwise says how far it got).")
    boolean quiet;

    @Override
    public Integer call() {
      ReadProgress progress = quiet ? ReadProgress.NONE
          : ReadProgress.after(QUIET_NANOS, line -> System.err.println("pmm: " + line));
      try (MmImdbFile open = MmImdbFile.open(file)) {
        FileSummary summary = FileSummary.of(open, progress);
        summary.print(System.out);
        System.out.flush();
        summary.problem().ifPresent(problem -> {
          throw new UserError(problem);
        });
      }
      if (time) {
        long start = System.nanoTime();
        MmImdbData data = MmImdbData.load(file);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%nload time: %.3f s for %d rows (features, vgg_features, genres, "
            + "imdb_ids; read and validated)%n", seconds, data.rows());
      }
      return ExitCodes.OK;
    }
  }
}
