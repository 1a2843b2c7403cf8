package org.pmm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Wrong command lines get one message on standard error and the exit code of docs/cli.md: 2 for
 * usage errors (unknown flag or command, missing value, malformed {@code --set},
 * {@code --cycles 0}), 1 for bad input (unknown {@code --set} name, wrong value type, missing model or data file,
 * unwritable {@code --out}). Never a stack trace, never "internal error". Every case fails before
 * any data is read or training starts: data paths point at files that do not exist.
 *
 * <p>{@code $TMP} in arguments and expected messages stands for a temporary directory holding a
 * regular file {@code afile}, a model {@code bad/gmu.pmm} that does not parse, a run directory
 * {@code old-run} with checkpoints, one, {@code bad-run}, whose manifest is damaged, and
 * {@code cp-file}, where a regular file takes the place of the checkpoint directory.
 */
class CommandLineErrorsTest {
  private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [a-zA-Z_$][\\w$.]*\\(");

  @TempDir static Path tmp;

  @BeforeAll
  static void files() throws IOException {
    Files.writeString(tmp.resolve("afile"), "not a directory\n");
    Files.createDirectories(tmp.resolve("bad"));
    Files.writeString(tmp.resolve("bad/gmu.pmm"), "hyper {\n  hidden = \n}\n");
    // directories that look like runs: one with a manifest, one whose manifest is not one
    Files.createDirectories(tmp.resolve("old-run/checkpoints"));
    Files.writeString(tmp.resolve("old-run/checkpoints/run.json"), "{\"format\": \"pmm-run 1\"}\n");
    Files.createDirectories(tmp.resolve("bad-run/checkpoints"));
    Files.writeString(tmp.resolve("bad-run/checkpoints/run.json"), "[1, 2]\n");
    Files.createDirectories(tmp.resolve("cp-file"));
    Files.writeString(tmp.resolve("cp-file/checkpoints"), "a file where the checkpoints go\n");
  }

  /** Exit code, the exact first line of standard error, and the arguments. */
  static Stream<Arguments> cases() {
    return Stream.of(
        // Usage errors (2): unknown flags and commands, missing values.
        usage("pmm: usage error: Unknown option: '--bogus'", "--bogus"),
        // --version and --help do not make a wrong argument next to them right.
        usage("pmm: usage error: Unknown option: '--bogus'", "--version", "--bogus"),
        usage("pmm: usage error: Unknown option: '--bogus'", "--bogus", "--version"),
        usage("pmm: usage error: Unknown option: '--bogus'", "--help", "--bogus"),
        usage("pmm: usage error: unknown command 'extra' (commands: help, check, data, train, predict, render, experiment, bench)",
            "--version", "extra"),
        usage("pmm: usage error: unknown command 'frobnicate' (commands: help, check, data, train, predict,"
            + " render, experiment, bench)",
            "frobnicate"),
        usage("pmm: usage error: unknown command 'chek'; did you mean 'check'? (commands: help, check, data, train, "
            + "predict, render, experiment, bench)", "chek", "models/gmu.pmm"),
        usage("pmm: usage error: unknown command 'frob' (commands: generate, inspect, probe)", "data", "frob"),
        usage("pmm: usage error: Unknown subcommand 'frob'.", "help", "frob"),
        usage("pmm: usage error: Missing required parameter: 'FILE.pmm'", "check"),
        usage("pmm: usage error: Unknown option: '--bogus'", "check", "--bogus", "models/gmu.pmm"),
        usage("pmm: usage error: Missing required parameter: 'MODEL.pmm'", "train"),
        usage("pmm: usage error: Unknown option: '--bogus'", "train", "models/gmu.pmm", "--bogus"),
        usage("pmm: usage error: Unknown options: '--scale', 'quick'", "train", "models/gmu.pmm", "--scale", "quick"),
        usage("pmm: usage error: Unknown option: '--bogus'", "experiment", "--bogus"),
        usage("pmm: usage error: Missing required parameter for option '--set' (NAME=VALUE)",
            "check", "models/gmu.pmm", "--set"),
        usage("pmm: usage error: Missing required parameter for option '--set' (NAME=VALUE)",
            "train", "models/gmu.pmm", "--set"),
        usage("pmm: usage error: Missing required parameter for option '--cycles' (K)",
            "train", "models/gmu.pmm", "--cycles"),
        usage("pmm: usage error: Missing required parameter for option '--data' (FILE.h5)",
            "experiment", "--data"),
        usage("pmm: usage error: Invalid value for option '--cycles': 'abc' is not an int",
            "train", "models/gmu.pmm", "--cycles", "abc"),
        usage("pmm: usage error: Invalid value for option '--seed': 'x' is not a long",
            "experiment", "--seed", "x"),
        usage("pmm: usage error: Missing required option: '--out=FILE.h5'", "data", "generate"),
        usage("pmm: usage error: Invalid value for option '--rows': '1e3' is not an int",
            "data", "generate", "--out", "$TMP/x.h5", "--rows", "1e3"),
        usage("pmm: usage error: Missing required parameter: 'FILE.h5'", "data", "inspect"),
        // Malformed --set (2), --cycles 0 (2), bad --scale and --rows (2).
        error(2, "pmm: error: --set expects name=value, not 'x'", "check", "models/gmu.pmm", "--set", "x"),
        error(2, "pmm: error: --set expects NAME=VALUE, got 'x'", "train", "models/gmu.pmm", "--set", "x"),
        error(2, "pmm: error: --set expects NAME=VALUE, got '=3'", "train", "models/gmu.pmm", "--set", "=3"),
        error(2, "pmm: error: --set expects NAME=VALUE, got 'x'", "experiment", "--set", "x"),
        error(2, "pmm: error: --cycles must be at least 1, got 0", "train", "models/gmu.pmm", "--cycles", "0",
            "--data", "$TMP/missing.h5"),
        error(2, "pmm: error: --cycles must be at least 1, got -1", "train", "models/gmu.pmm", "--cycles", "-1"),
        error(2, "pmm: error: --cycles must be at least 1, got 0", "experiment", "--cycles", "0",
            "--data", "$TMP/missing.h5"),
        error(2, "pmm: error: --scale must be quick or paper, got 'huge'", "experiment", "--scale", "huge"),
        error(2, "pmm: error: --rows must be positive, got 0", "data", "generate", "--out", "$TMP/x.h5",
            "--rows", "0"),
        // Bad --set names and values (1).
        error(1, "--set: error: unknown hyperparameter 'hiden' for models/gmu.pmm; did you mean 'hidden'?",
            "train", "models/gmu.pmm", "--set", "hiden=3", "--data", "$TMP/missing.h5"),
        error(1, "--set: error: hyperparameter 'hidden' takes a whole number, not 'abc'",
            "train", "models/gmu.pmm", "--set", "hidden=abc", "--data", "$TMP/missing.h5"),
        error(1, "--set: error: hyperparameter 'batchnorm' takes true or false, not 'yes'",
            "train", "models/gmu.pmm", "--set", "batchnorm=yes"),
        error(1, "--set: error: unknown hyperparameter 'l2' for models/gmu.pmm; did you mean 'lr'?",
            "train", "models/gmu.pmm", "--set", "l2=0.1"),
        error(1, "--set: error: unknown hyperparameter 'hiden' for models/pmmo.pmm; did you mean 'hidden'?",
            "experiment", "--set", "hiden=3", "--data", "$TMP/missing.h5"),
        error(1, "--set: error: hyperparameter 'hidden' takes a whole number, not 'abc'",
            "experiment", "--set", "hidden=abc"),
        error(1, "--set: error: hyperparameter 'elbo': unknown estimator 'foo' (known: trace, tracegraph,"
            + " meanfield, iwae(K), renyi(α), annealed, annealed_tracegraph, annealed_meanfield)",
            "experiment", "--set", "elbo=foo"),
        error(1, "--set: error: unknown hyperparameter 'hiden' for models/gmu.pmm; did you mean 'hidden'?",
            "check", "models/gmu.pmm", "--set", "hiden=3"),
        // Out-of-range values are found by checking the model before any data is read.
        // They are reported at the --set flag, with the first use of the hyperparameter as a note.
        error(1, "--set: error: hyperparameter 'hidden' must be a positive whole number (it is a dimension), not 0",
            "train", "models/gmu.pmm", "--set", "hidden=0", "--data", "$TMP/missing.h5"),
        error(1, "--set: error: hyperparameter 'hidden' must be a positive whole number (it is a dimension), not "
            + "2147483648 (the largest is 2147483647)", "check", "models/gmu.pmm", "--set", "hidden=2147483648"),
        error(1, "--set: error: hyperparameter 'dropout' must be in [0, 1) (it is option 'p' of layer dropout), not "
            + "1.5", "train", "models/gmu.pmm", "--set", "dropout=1.5", "--data", "$TMP/missing.h5"),
        error(1, "--set: error: hyperparameter 'lr': the number 1e39 is too large for float32 (the largest is "
            + "3.4028235E38)", "train", "models/pmmo.pmm", "--set", "lr=1e39", "--data", "$TMP/missing.h5"),
        error(1, "--set: error: hyperparameter 'lr': the number 1.79e308 is too large for float32 (the largest is "
            + "3.4028235E38)", "check", "models/pmmo.pmm", "--set", "lr=1.79e308"),
        error(1, "--set: error: hyperparameter 'lr': the number 1e-320 is too small for float32: it would be 0 (the "
            + "smallest is 1.4E-45)", "train", "models/pmmo.pmm", "--set", "lr=1e-320", "--data", "$TMP/missing.h5"),
        error(1, "--set: error: hyperparameter 'clip' must be positive (it is option 'clip' of ClippedAdam), not 0",
            "train", "models/pmmo.pmm", "--set", "clip=0", "--data", "$TMP/missing.h5"),
        // Missing or unusable files (1).
        error(1, "nope.pmm: error: no such file", "check", "nope.pmm"),
        error(1, "pmm: error: model file 'nope.pmm' does not exist", "train", "nope.pmm"),
        error(1, "pmm: error: model file 'models' is a directory", "train", "models"),
        error(1, "$TMP/bad: error: is a directory, not a .pmm file", "check", "$TMP/bad"),
        error(1, "$TMP/bad/gmu.pmm:3:1: error: unexpected '}'; expected a name, a number, a string, 'true' or "
            + "'false'", "train", "$TMP/bad/gmu.pmm",
            "--data", "$TMP/missing.h5"),
        error(1, "pmm: error: data file '$TMP/missing.json' does not exist",
            "train", "models/normal_normal.pmm", "--data", "$TMP/missing.json"),
        error(1, "pmm: error: data file '$TMP/afile' is not a .json, .csv, .h5 or .hdf5 file",
            "train", "models/normal_normal.pmm", "--data", "$TMP/afile"),
        error(1, "pmm: error: data file '$TMP/missing.h5' does not exist", "train", "models/gmu.pmm",
            "--data", "$TMP/missing.h5", "--out", "$TMP/out-a"),
        error(1, "pmm: error: data file '$TMP/missing.h5' does not exist", "experiment",
            "--data", "$TMP/missing.h5", "--out", "$TMP/out-b"),
        error(1, "pmm: error: data file '$TMP/afile' is not an HDF5 file (no HDF5 signature)",
            "train", "models/gmu.pmm", "--data", "$TMP/afile", "--out", "$TMP/out-c"),
        error(1, "pmm: error: data file '$TMP' is not a regular file", "train", "models/gmu.pmm",
            "--data", "$TMP", "--out", "$TMP/out-d"),
        error(1, "pmm: error: data file '$TMP/missing.h5' does not exist", "data", "inspect", "$TMP/missing.h5"),
        error(1, "pmm: error: data file '$TMP/afile' is not an HDF5 file (no HDF5 signature)",
            "data", "inspect", "$TMP/afile"),
        error(1, "pmm: error: cannot resume: directory '$TMP/no-run' does not exist", "train", "models/gmu.pmm",
            "--resume", "$TMP/no-run", "--data", "$TMP/missing.h5"),
        error(1, "pmm: error: cannot resume: directory '$TMP/no-run' does not exist", "experiment",
            "--resume", "$TMP/no-run", "--data", "$TMP/missing.h5"),
        error(1, "pmm: error: cannot resume '$TMP': no checkpoints there (checkpoints/run.json is missing)",
            "train", "models/gmu.pmm", "--resume", "$TMP", "--data", "$TMP/missing.h5"),
        error(1, "pmm: error: cannot resume '$TMP': no checkpoints there (checkpoints/run.json is missing)",
            "experiment", "--resume", "$TMP", "--data", "$TMP/missing.h5"),
        error(2, "pmm: error: --out '$TMP/other' and --resume '$TMP/old-run' name different directories; a"
            + " resumed run writes into the directory it resumes", "train", "models/gmu.pmm",
            "--resume", "$TMP/old-run", "--out", "$TMP/other", "--data", "$TMP/missing.h5"),
        error(2, "pmm: error: --checkpoint-every must be 0 or more steps, got -5", "train", "models/gmu.pmm",
            "--checkpoint-every", "-5", "--data", "$TMP/missing.h5"),
        error(1, "pmm: error: cannot resume '$TMP/bad-run': $TMP/bad-run/checkpoints/run.json: not a pmm run"
            + " manifest (format is not 'pmm-run 1')", "train", "models/gmu.pmm", "--resume", "$TMP/bad-run",
            "--data", "$TMP/missing.h5"),
        // A fresh run must not silently reuse (or overwrite) an earlier run's checkpoints.
        error(1, "pmm: error: output directory '$TMP/old-run' holds the checkpoints of an earlier run: continue"
            + " it with --resume $TMP/old-run, or delete $TMP/old-run/checkpoints (or choose another --out) to"
            + " start afresh", "train", "models/gmu.pmm", "--out", "$TMP/old-run", "--data", "$TMP/missing.h5"),
        // Unwritable output (1): a regular file where a directory is needed (works as root too).
        error(1, "pmm: error: cannot write to output directory '$TMP/afile/sub': '$TMP/afile/sub': not a directory",
            "train", "models/gmu.pmm", "--out", "$TMP/afile/sub", "--data", "$TMP/missing.h5"),
        error(1, "pmm: error: cannot write to output directory '$TMP/afile': '$TMP/afile' exists and is not a "
            + "directory", "experiment", "--out", "$TMP/afile", "--data", "$TMP/missing.h5"),
        error(1, "pmm: error: cannot write to output directory '$TMP/cp-file': '$TMP/cp-file/checkpoints' exists"
            + " and is not a directory", "train", "models/gmu.pmm", "--out", "$TMP/cp-file", "--data",
            "$TMP/missing.h5"),
        error(1, "pmm: error: cannot write '$TMP/afile/x.h5': '$TMP/afile' exists and is not a directory",
            "data", "generate", "--out", "$TMP/afile/x.h5", "--rows", "10", "--quiet"));
  }

  private static Arguments usage(String firstLine, String... args) {
    return Arguments.of(2, firstLine, args);
  }

  private static Arguments error(int exit, String firstLine, String... args) {
    return Arguments.of(exit, firstLine, args);
  }

  @ParameterizedTest(name = "pmm {2} -> {0}")
  @MethodSource("cases")
  void oneMessageAndTheRightExitCode(int exit, String firstLine, String[] args) {
    String[] concrete = Arrays.stream(args).map(a -> a.replace("$TMP", tmp.toString())).toArray(String[]::new);
    Result result = run(concrete);
    String expected = firstLine.replace("$TMP", tmp.toString());
    assertEquals(expected, result.lines().isEmpty() ? "" : result.lines().get(0), "stderr was:\n" + result.stderr);
    assertEquals(exit, result.exit, "stderr was:\n" + result.stderr);
    assertFalse(STACK_FRAME.matcher(result.stderr).find(), "stack trace on stderr:\n" + result.stderr);
    assertFalse(result.stderr.contains("internal error"), result.stderr);
    assertEquals("", result.stdout, "nothing on standard output for a failed command");
    List<String> lines = result.lines();
    if (firstLine.startsWith("pmm: ")) {
      // One message; a usage error adds picocli's hint on its own line.
      boolean hint = lines.size() == 2 && lines.get(1).matches("Try '.+ --help' for usage\\.");
      assertTrue(lines.size() == 1 || hint && firstLine.startsWith("pmm: usage error: "), result.stderr);
    } else {
      // .pmm errors in the canonical form: a located header is followed by its line and a caret,
      // and so is each of its notes.
      for (int i = 0; i < lines.size(); i++) {
        assertTrue(lines.get(i).matches("\\S.*: (error|note): \\S.*"), result.stderr);
        if (lines.get(i).matches("\\S.*:[0-9]+:[0-9]+: (error|note): .*")) {
          assertTrue(i + 2 < lines.size() && lines.get(i + 1).startsWith("    ")
              && lines.get(i + 2).strip().equals("^"), result.stderr);
          i += 2;
        }
      }
    }
  }

  @Test
  void noArgumentsPrintsUsageAndExitsTwo() {
    Result result = run();
    assertEquals(2, result.exit);
    assertTrue(result.stderr.startsWith("Usage: pmm "), result.stderr);
  }

  @Test
  void aFailedOutputDirectoryIsNotCreatedBehindTheUsersBack() {
    // --cycles 0 is found before the output directory is touched.
    Path out = tmp.resolve("never-created");
    assertEquals(2, run("train", "models/gmu.pmm", "--cycles", "0", "--out", out.toString()).exit);
    assertFalse(Files.exists(out));
  }

  private record Result(int exit, String stdout, String stderr) {
    List<String> lines() {
      return stderr.lines().toList();
    }
  }

  /** Runs the CLI capturing its writers and System.out/err (progress and generators print there). */
  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream systemOut = new ByteArrayOutputStream();
    ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    int exit;
    try {
      System.setOut(new PrintStream(systemOut, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(systemErr, true, StandardCharsets.UTF_8));
      CommandLine cli = Main.newCommandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      exit = cli.execute(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new Result(exit, out + systemOut.toString(StandardCharsets.UTF_8),
        (err + systemErr.toString(StandardCharsets.UTF_8)).replace("\r", ""));
  }
}
