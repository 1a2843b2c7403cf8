package org.pmm.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.cli.Main;
import org.pmm.lang.check.CheckFailed;
import org.pmm.lang.check.ProgramChecker;
import org.pmm.lang.diag.Diagnostic;

/**
 * Networks and functions that each use the next level twice expand 2^depth times: the checker
 * stops at its expansion limit with one located error naming what was being expanded, in
 * seconds and without running out of memory.
 */
class ExpansionLimitTest {
  private static final Duration QUICK = Duration.ofSeconds(30);

  @TempDir Path directory;

  /** {@code network n0 { n1; n1 }} ... {@code network n23 { linear(2); linear(2) }}, called once. */
  static String doublingNetworks(int levels) {
    StringBuilder text = new StringBuilder("data { x: real[4, 3] = \"x\" }\n");
    text.append("model m { plate rows(4) { y = n0(x) } }\n");
    for (int i = 0; i < levels; i++) {
      String inner = i + 1 < levels ? "n" + (i + 1) : "linear(2)";
      text.append("network n").append(i).append(" {\n  ").append(inner).append("\n  ").append(inner).append("\n}\n");
    }
    return text.toString();
  }

  /** {@code def f0(x) { return f1(f1(x)) }} ... {@code def f59(x) { return x + 1 }}, called once. */
  static String doublingFunctions(int levels) {
    StringBuilder text = new StringBuilder("model m { y = f0(1.0) }\n");
    for (int i = 0; i < levels; i++) {
      String body = i + 1 < levels ? "f" + (i + 1) + "(f" + (i + 1) + "(x))" : "x + 1";
      text.append("def f").append(i).append("(x) {\n  return ").append(body).append("\n}\n");
    }
    return text.toString();
  }

  private List<String> errors(String text) throws IOException {
    Path file = directory.resolve("deep.pmm");
    Files.writeString(file, text);
    CheckFailed failed = assertTimeoutPreemptively(QUICK,
        () -> assertThrows(CheckFailed.class, () -> ProgramChecker.checkFile(file, "deep.pmm")));
    return failed.diagnostics().stream().map(Diagnostic::header).toList();
  }

  @Test
  void networksThatDoubleAtEveryLevelStopAtTheLimit() throws IOException {
    assertEquals(List.of("deep.pmm:2:31: error: network 'n0' is too large: it expands to more than 100000 "
        + "layers, function calls and module statements (each level that uses the next twice doubles it)"),
        errors(doublingNetworks(24)));
  }

  @Test
  void functionsThatDoubleAtEveryLevelStopAtTheLimit() throws IOException {
    assertEquals(List.of("deep.pmm:1:15: error: function 'f0' is too large: it expands to more than 100000 "
        + "layers, function calls and module statements (each level that uses the next twice doubles it)"),
        errors(doublingFunctions(60)));
  }

  @Test
  void manyCallsEachWithinTheLimitStopAtTheProgramLimit() throws IOException {
    // 15 levels are 65,535 layers; the 16th call passes 1,000,000 for the program.
    StringBuilder calls = new StringBuilder("model m { plate rows(4) {\n");
    for (int i = 0; i < 20; i++) {
      calls.append("  y").append(i).append(" = n0(x)\n");
    }
    calls.append("} }\n");
    String text = doublingNetworks(15).replace("model m { plate rows(4) { y = n0(x) } }\n", calls.toString());
    assertEquals(List.of("deep.pmm:18:9: error: the program is too large: its networks, functions and modules expand "
        + "to more than 1000000 layers, function calls and module statements (stopped at network 'n0')"),
        errors(text));
  }

  @Test
  void expansionsWithinTheLimitAreChecked() throws IOException {
    Path file = directory.resolve("ok.pmm");
    Files.writeString(file, doublingNetworks(10) + doublingFunctions(10).replace("model m", "model k"));
    assertEquals(1024, ProgramChecker.checkFile(file, "ok.pmm").networks().get("n0").layers().size());
  }

  @Test
  void pmmCheckReportsTheLimitAndFailsInsteadOfPrintingOk() throws IOException {
    Path file = directory.resolve("deep.pmm");
    Files.writeString(file, doublingNetworks(24));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = assertTimeoutPreemptively(QUICK, () -> Main.run("check", file.toString()));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, exit, stderr);
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertTrue(stderr.startsWith(file + ":2:31: error: network 'n0' is too large"), stderr);
    assertFalse(stderr.contains("internal error") || stderr.contains("Exception"), stderr);
  }
}
