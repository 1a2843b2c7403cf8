package org.pmm.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.cli.Main;
import org.pmm.base.UserError;
import org.pmm.data.MmImdbData;
import org.pmm.data.SurrogateGenerator;

/**
 * Damaged copies of MM-IMDb files (a 300-row surrogate written by {@link SurrogateGenerator}, a
 * 60-row one with every numeric dataset in chunks of 1 x 7 values, and the committed h5py
 * fixtures with Fuel's split attribute: contiguous, gzip-chunked, and in 1 x 7 chunks with a
 * B-tree chunk index) are loaded
 * with {@link MmImdbData#load}: each load either succeeds (the damage hit a value that is still
 * valid) or throws a {@link UserError} whose message names the file; never another exception
 * type, an Error, or a hang. Every tenth copy also goes through {@code pmm data inspect}, which
 * must exit 0 or 1 with a one-line message and no stack trace.
 *
 * <p>The hang guard is a generous per-input deadline (a load takes milliseconds): it exists to
 * turn an endless loop into a failure, not to measure speed. 200 inputs by default;
 * {@code -Dpmm.fuzz.count=N -Dpmm.fuzz.seed=S} for more.
 */
class Hdf5FuzzTest {
  private static final int ROWS = 300;
  private static final long HANG_SECONDS = 60;
  private static final int CLI_EVERY = 10;
  private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [a-zA-Z_$][\\w$.]*\\(");

  private static final String[][] FIXTURES = {
      {"mmimdb_fixture.h5", "h5py fixture"},
      {"mmimdb_fixture_gzip.h5", "h5py gzip fixture"},
      {"mmimdb_fixture_chunks_1x7.h5", "h5py 1 x 7 chunks fixture"}};

  @TempDir static Path directory;
  private static final List<String> seedNames = new ArrayList<>();
  private static final List<Hdf5Damage> seeds = new ArrayList<>();
  private static ExecutorService worker;

  @BeforeAll
  static void writeSeeds() throws IOException {
    Path surrogate = directory.resolve("surrogate-300.h5");
    SurrogateGenerator.write(surrogate, ROWS, 5, line -> { });
    addSeed(surrogate, "surrogate (" + ROWS + " rows, jhdf)");
    Path chunked = directory.resolve("surrogate-60-chunks-1x7.h5");
    SurrogateGenerator.writeChunked(chunked, 60, 6, 1, 7, line -> { });
    addSeed(chunked, "surrogate (60 rows, jhdf, 1 x 7 chunks)");
    for (String[] fixture : FIXTURES) {
      addSeed(Path.of("tests/resources/data", fixture[0]), fixture[1]);
    }
    worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "hdf5-fuzz");
      t.setDaemon(true);
      return t;
    });
  }

  private static void addSeed(Path file, String name) throws IOException {
    seeds.add(Hdf5Damage.of(file, Files.readAllBytes(file)));
    seedNames.add(name);
  }

  @AfterAll
  static void stopWorker() {
    worker.shutdownNow();
  }

  @Test
  void undamagedSeedsLoad() {
    List<Path> files = new ArrayList<>(List.of(directory.resolve("surrogate-300.h5"),
        directory.resolve("surrogate-60-chunks-1x7.h5")));
    for (String[] fixture : FIXTURES) {
      files.add(Path.of("tests/resources/data", fixture[0]));
    }
    for (Path p : files) {
      assertTrue(MmImdbData.load(p).rows() > 0, p.toString());
    }
  }

  @Test
  void damagedCopiesLoadOrGiveUserErrorsNamingTheFile() throws Exception {
    FuzzBudget budget = FuzzBudget.fromSystemProperties(200);
    FuzzTally tally = new FuzzTally("HDF5 reader");
    for (int i : budget.indices().toArray()) {
      Random random = new Random(budget.inputSeed(i));
      int seedIndex = random.nextInt(seeds.size());
      Hdf5Damage.Damaged damaged = seeds.get(seedIndex).apply(random);
      Path file = directory.resolve("damaged-" + i + ".h5");
      Files.write(file, damaged.bytes());
      String input = "input " + i + " (seed " + budget.seed() + ", " + seedNames.get(seedIndex) + ": "
          + damaged.description() + ")";
      String saveAs = "hdf5-seed" + budget.seed() + "-input" + i + ".h5";
      if (budget.only() >= 0) {
        System.out.println("replaying " + input + FuzzTally.save(saveAs, damaged.bytes()));
      }
      long start = System.nanoTime();
      Future<String[]> outcome = worker.submit(() -> loadOnce(file));
      String[] result;
      try {
        result = outcome.get(HANG_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException hang) {
        outcome.cancel(true);
        tally.fail(input + ": no result after " + HANG_SECONDS + " s (hang)", saveAs, damaged.bytes());
        break;
      }
      tally.record(result[0], result[1], System.nanoTime() - start, input);
      if (result[0].equals("failure")) {
        tally.fail(input + ": " + result[1], saveAs, damaged.bytes());
      } else if (i % CLI_EVERY == 0) {
        String problem = inspectThroughCommandLine(file);
        if (problem != null) {
          tally.fail(input + ": pmm data inspect: " + problem, saveAs, damaged.bytes());
        }
      }
      Files.delete(file);
    }
    System.out.println(tally.summary());
    assertEquals(List.of(), tally.failures(), tally.summary());
    assertEquals(budget.size(), tally.inputs());
  }

  /** Returns {outcome, category}: accepted, user-error, or failure. */
  private static String[] loadOnce(Path file) {
    try {
      MmImdbData data = MmImdbData.load(file);
      return data.rows() > 0 ? new String[] {"accepted", data.warnings().isEmpty() ? "-" : "with warnings"}
          : new String[] {"failure", "loaded with no rows"};
    } catch (UserError e) {
      String message = String.valueOf(e.getMessage());
      if (!message.contains(file.toString())) {
        return new String[] {"failure", "UserError does not name the file: " + message};
      }
      if (message.contains("\n")) {
        return new String[] {"failure", "UserError message has several lines: " + message};
      }
      return new String[] {"user-error", category(message, file)};
    } catch (Throwable t) {
      StackTraceElement[] trace = t.getStackTrace();
      return new String[] {"failure", t + (trace.length == 0 ? "" : " at " + trace[0])};
    }
  }

  /** {@code pmm data inspect FILE}: exit 0, or exit 1 with "pmm: error: ..." naming the file. */
  private static String inspectThroughCommandLine(Path file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = Main.run("data", "inspect", file.toString());
    } catch (Throwable t) {
      return "threw " + t;
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    String stderr = err.toString(StandardCharsets.UTF_8);
    if (STACK_FRAME.matcher(stderr).find() || stderr.contains("internal error")) {
      return "exit " + exit + ", stack trace or internal error on stderr: " + stderr.strip().lines().findFirst().orElse("");
    }
    if (exit == 0) {
      return null;
    }
    String first = stderr.lines().findFirst().orElse("");
    return exit == 1 && first.startsWith("pmm: error: ") && first.contains(file.toString()) ? null
        : "exit " + exit + " (expected 0 or 1 with 'pmm: error: ...' naming the file): " + first;
  }

  /** The message with the file, numbers and exception details blanked, to group similar errors. */
  private static String category(String message, Path file) {
    String blanked = message.replace(file.toString(), "FILE").replaceAll("[0-9]+", "N");
    int detail = blanked.indexOf("?): ");
    if (detail >= 0) {
      int end = blanked.indexOf(':', detail + 4);
      blanked = blanked.substring(0, end > 0 ? end : blanked.length());
    }
    return blanked.length() > 110 ? blanked.substring(0, 110) + "…" : blanked;
  }
}
