package org.pmm.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.cli.Main;
import org.pmm.base.UserError;
import org.pmm.lang.check.CheckFailed;
import org.pmm.lang.ast.SourceLocation;
import org.pmm.lang.check.ProgramChecker;
import org.pmm.lang.diag.Diagnostic;

/**
 * Mutants of the shipped {@code .pmm} files (models/ and stdlib/) are either accepted or rejected
 * with errors in the canonical form (docs/language.md), each, and each of its notes, pointing at a
 * line and column that exist in the file it names; the checker never throws anything but {@link
 * CheckFailed} or {@link UserError}, never overflows its stack, and answers every input (networks
 * and functions that double at every level stop at the expansion limit). Every third input is
 * checked with a {@code --set} of one of its hyperparameters to a value at the edge of what the
 * language holds; errors about it say {@code --set: error:}. Every fifth input also goes through
 * {@code pmm check} to see the user's view: exit 0 and "ok", or exit 1 and canonical errors,
 * never a stack trace.
 *
 * <p>300 inputs by default; {@code -Dpmm.fuzz.count=10000 -Dpmm.fuzz.seed=S} for a longer run.
 * The summary (outcomes by category, slowest input) goes to standard output.
 */
class PmmFrontEndFuzzTest {
  private static final String DISPLAY = "fuzz.pmm";
  private static final Pattern HEADER = Pattern.compile("[^\\n]+:[1-9][0-9]*:[1-9][0-9]*: error: \\S[^\\n]*");
  private static final Pattern SET_HEADER = Pattern.compile("--set: error: \\S[^\\n]*");
  private static final Pattern NOTE = Pattern.compile("[^\\n]+:[1-9][0-9]*:[1-9][0-9]*: note: \\S[^\\n]*");
  /** A hyperparameter's name at the start of a line, as in a hyper block. */
  private static final Pattern HYPER_NAME = Pattern.compile("(?m)^\\s*([a-z_][a-z0-9_]*)\\s*=");
  private static final int SET_EVERY = 3;
  /** Far beyond any input's time: a check still running then is taken for one that never ends. */
  private static final long NO_ANSWER_SECONDS = 120;
  private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [a-zA-Z_$][\\w$.]*\\(");
  private static final int CLI_EVERY = 5;

  @TempDir Path directory;

  @Test
  void mutantsOfShippedFilesAreAcceptedOrGetLocatedErrors() throws IOException {
    FuzzBudget budget = FuzzBudget.fromSystemProperties(300);
    List<Path> shipped = shippedFiles();
    List<byte[]> seeds = new ArrayList<>();
    for (Path p : shipped) {
      seeds.add(Files.readAllBytes(p));
    }
    PmmMutator mutator = new PmmMutator(seeds);
    FuzzTally tally = new FuzzTally("pmm front end");
    Path file = directory.resolve(DISPLAY);
    for (int i : budget.indices().toArray()) {
      PmmMutator.Mutant mutant = mutator.mutate(new Random(budget.inputSeed(i)));
      Files.write(file, mutant.bytes());
      String input = "input " + i + " (seed " + budget.seed() + ", from " + shipped.get(mutant.seedIndex())
          + ", " + mutant.operations() + ")";
      String saveAs = "pmm-seed" + budget.seed() + "-input" + i + ".pmm";
      if (budget.only() >= 0) {
        System.out.println("replaying " + input + FuzzTally.save(saveAs, mutant.bytes()));
      }
      Map<String, String> overrides = i % SET_EVERY == 0 ? override(mutant.bytes(), new Random(budget.inputSeed(i)))
          : Map.of();
      if (!overrides.isEmpty()) {
        input += " with --set " + overrides.entrySet().iterator().next();
      }
      long start = System.nanoTime();
      String[] outcome = answerInTime(file, mutant.bytes(), overrides);
      tally.record(outcome[0], outcome[1], System.nanoTime() - start, input);
      if (outcome[0].equals("failure")) {
        tally.fail(input + ": " + outcome[1], saveAs, mutant.bytes());
      } else if (i % CLI_EVERY == 0) {
        String problem = checkThroughCommandLine(file, overrides, outcome[0].equals("accepted"));
        if (problem != null) {
          tally.fail(input + ": pmm check: " + problem, saveAs, mutant.bytes());
        }
      }
    }
    System.out.println(tally.summary());
    assertEquals(budget.size(), tally.inputs());
    assertEquals(List.of(), tally.failures(), tally.summary());
  }

  /** The shipped files are the seeds; a test of the seeds themselves guards the fuzzer's premise. */
  @Test
  void everySeedIsAcceptedUnmutated() throws IOException {
    for (Path p : shippedFiles()) {
      Path copy = directory.resolve(p.getFileName());
      Files.copy(p, copy);
      assertEquals("accepted", checkOnce(copy, Files.readAllBytes(p), Map.of())[0], p.toString());
    }
  }

  /** Block comments in white space change nothing: every seed so commented is still accepted. */
  @Test
  void blockCommentsBetweenTokensChangeNothing() throws IOException {
    FuzzBudget budget = FuzzBudget.fromSystemProperties(300);
    List<Path> shipped = shippedFiles();
    for (int i = 0; i < Math.min(budget.size(), 60); i++) {
      Path seed = shipped.get(i % shipped.size());
      String text = Files.readString(seed, StandardCharsets.ISO_8859_1);
      byte[] commented = PmmMutator.withComments(text, new Random(budget.inputSeed(i)))
          .getBytes(StandardCharsets.ISO_8859_1);
      Path copy = directory.resolve(seed.getFileName());
      Files.write(copy, commented);
      String[] outcome = checkOnce(copy, commented, Map.of());
      int index = i;
      assertEquals("accepted", outcome[0], () -> seed + " with comments (input " + index + "): " + outcome[1]
          + FuzzTally.save("pmm-comments-input" + index + ".pmm", commented));
    }
  }

  /** One of the file's hyperparameters set to a number at an edge, or none when it has none. */
  private static Map<String, String> override(byte[] bytes, Random random) {
    List<String> names = new ArrayList<>();
    Matcher m = HYPER_NAME.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
    while (m.find()) {
      names.add(m.group(1));
    }
    if (names.isEmpty()) {
      return Map.of();
    }
    return Map.of(names.get(random.nextInt(names.size())),
        PmmMutator.EDGE_NUMBERS.get(random.nextInt(PmmMutator.EDGE_NUMBERS.size())));
  }

  /** {@link #checkOnce}, or a failure when the checker gives no answer in a long time. */
  private static String[] answerInTime(Path file, byte[] bytes, Map<String, String> overrides) {
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-check");
      t.setDaemon(true);
      return t;
    });
    try {
      return executor.submit(() -> checkOnce(file, bytes, overrides)).get(NO_ANSWER_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      return new String[] {"failure", "no answer in " + NO_ANSWER_SECONDS + " s"};
    } catch (InterruptedException | ExecutionException e) {
      return new String[] {"failure", e.toString()};
    } finally {
      executor.shutdownNow();
    }
  }

  /** Returns {outcome, category}: accepted, rejected (located errors), user-error, or failure. */
  private static String[] checkOnce(Path file, byte[] bytes, Map<String, String> overrides) {
    try {
      ProgramChecker.checkFile(file, file.getFileName().toString().equals(DISPLAY) ? DISPLAY : file.toString(),
          overrides);
      return new String[] {"accepted", "-"};
    } catch (CheckFailed failed) {
      String problem = locationProblem(failed, bytes);
      if (problem != null) {
        return new String[] {"failure", problem};
      }
      return new String[] {"rejected", category(failed.diagnostics().get(0).message())};
    } catch (UserError error) {
      String message = error.getMessage();
      if (message == null || message.isBlank() || message.contains("\n")) {
        return new String[] {"failure", "UserError without a one-line message: " + message};
      }
      return new String[] {"user-error", category(message)};
    } catch (Throwable t) {
      return new String[] {"failure", t + at(t)};
    }
  }

  /** Null when every diagnostic is canonical and points inside the file it names. */
  private static String locationProblem(CheckFailed failed, byte[] bytes) {
    if (failed.diagnostics().isEmpty()) {
      return "CheckFailed with no diagnostics";
    }
    String rendered = failed.rendered();
    for (Diagnostic d : failed.diagnostics()) {
      String header = d.header();
      if (SET_HEADER.matcher(header).matches()) {
        continue;
      }
      if (!HEADER.matcher(header).matches()) {
        return "not in the canonical form 'file:line:col: error: message': " + header;
      }
      if (!rendered.startsWith(header + "\n") && !rendered.contains("\n" + header + "\n")) {
        return "rendered errors do not show '" + header + "' followed by its source line";
      }
      String problem = outsideItsFile(d.location(), bytes, header);
      for (Diagnostic.Note note : d.notes()) {
        if (problem == null && !NOTE.matcher(note.header()).matches()) {
          problem = "note not in the form 'file:line:col: note: message': " + note.header();
        }
        problem = problem != null ? problem : outsideItsFile(note.location(), bytes, note.header());
      }
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  /** Null when the location's line and column exist in the file it names. */
  private static String outsideItsFile(SourceLocation location, byte[] bytes, String header) {
    String text = location.file().equals(DISPLAY) ? new String(bytes, StandardCharsets.UTF_8) : readOrNull(location);
    if (text == null) {
      return "names a file that does not exist: " + header;
    }
    String[] lines = text.split("\n", -1);
    int line = location.line();
    if (line > lines.length) {
      return "line " + line + " is past the end of the file (" + lines.length + " lines): " + header;
    }
    int length = lines[line - 1].codePointCount(0, lines[line - 1].length());
    if (location.column() > length + 1) {
      return "column " + location.column() + " is past the end of line " + line + " (" + length
          + " characters): " + header;
    }
    return null;
  }

  private static String readOrNull(SourceLocation location) {
    try {
      return Files.readString(Path.of(location.file()));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Runs {@code pmm check FILE} and returns what is wrong with its exit code or output, or null. */
  private static String checkThroughCommandLine(Path file, Map<String, String> overrides, boolean accepted) {
    List<String> args = new ArrayList<>(List.of("check", file.toString()));
    overrides.forEach((name, value) -> args.addAll(List.of("--set", name + "=" + value)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = Main.run(args.toArray(String[]::new));
    } catch (Throwable t) {
      return "threw " + t + at(t);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    String stdout = out.toString(StandardCharsets.UTF_8);
    String stderr = err.toString(StandardCharsets.UTF_8);
    if (STACK_FRAME.matcher(stderr).find() || stderr.contains("internal error")) {
      return "stack trace or internal error on stderr: " + firstLine(stderr);
    }
    if (accepted) {
      return exit == 0 && stdout.equals(file + ": ok" + System.lineSeparator()) && stderr.isEmpty() ? null
          : "accepted by the checker but exit " + exit + ", stdout '" + firstLine(stdout) + "'";
    }
    if (exit != 1) {
      return "rejected by the checker but exit " + exit + " (expected 1): " + firstLine(stderr);
    }
    String first = firstLine(stderr);
    return HEADER.matcher(first).matches() || SET_HEADER.matcher(first).matches() || first.startsWith("pmm: error: ")
        ? null
        : "first line of stderr is not a canonical error: " + first;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).replace("\r", "");
  }

  private static String at(Throwable t) {
    StackTraceElement[] trace = t.getStackTrace();
    return trace.length == 0 ? "" : " at " + trace[0];
  }

  /** A message with names, numbers and quoted text blanked: "unknown name '…'". */
  static String category(String message) {
    String first = firstLine(message);
    int colon = first.indexOf(": error: ");
    if (colon >= 0) {
      first = first.substring(colon + ": error: ".length());
    }
    String blanked = first.replaceAll("'[^']*'", "'…'").replaceAll("0x[0-9A-F]+|[0-9]+", "N");
    int cut = blanked.indexOf(';');
    blanked = cut > 0 ? blanked.substring(0, cut) : blanked;
    return blanked.length() > 70 ? blanked.substring(0, 70) + "…" : blanked;
  }

  static List<Path> shippedFiles() throws IOException {
    try (Stream<Path> models = Files.list(Path.of("models")); Stream<Path> stdlib = Files.list(Path.of("stdlib"))) {
      List<Path> files = Stream.concat(models, stdlib).filter(p -> p.toString().endsWith(".pmm")).sorted().toList();
      assertFalse(files.isEmpty(), "no .pmm files under models/ and stdlib/ (tests run from the repository root)");
      return files;
    }
  }
}
