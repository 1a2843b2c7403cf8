package org.pmm.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.lang.check.CheckFailed;
import org.pmm.lang.check.ProgramChecker;
import org.pmm.lang.diag.Diagnostic;
import org.pmm.lang.parse.InputLimits;

/** Hostile input gets a located error or a limit message: never a crash, never a hang. */
class BadInputTest {
  @TempDir Path directory;

  private List<String> errors(byte[] bytes) throws IOException {
    Path file = directory.resolve("bad.pmm");
    Files.write(file, bytes);
    CheckFailed failed = assertThrows(CheckFailed.class, () -> ProgramChecker.checkFile(file, "bad.pmm"));
    return failed.diagnostics().stream().map(Diagnostic::header).toList();
  }

  private List<String> errors(String text) throws IOException {
    return errors(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void emptyFile() throws IOException {
    assertEquals("bad.pmm:1:1: error: empty file; expected a declaration (import, hyper, data, def, network, module, "
        + "model, guide, train or eval)", errors("").get(0));
  }

  @Test
  void binaryGarbageIsNotText() throws IOException {
    byte[] garbage = new byte[4096];
    new java.util.Random(7).nextBytes(garbage);
    garbage[0] = 'a';
    garbage[1] = (byte) 0xff;
    assertEquals(List.of("bad.pmm:1:2: error: not a text file: invalid UTF-8 byte 0xFF"), errors(garbage));
  }

  @Test
  void controlCharactersAreReportedAndErrorsAreCapped() throws IOException {
    List<String> errors = errors("\u0000\u0001\u0002".repeat(1000));
    assertEquals("bad.pmm:1:1: error: unexpected character U+0000", errors.get(0));
    assertEquals(50, errors.size());
  }

  @Test
  void unterminatedBlockAndString() throws IOException {
    assertEquals(List.of("bad.pmm:2:1: error: unexpected end of file; expected a statement or '}'"),
        errors("model m {\n"));
    assertEquals("bad.pmm:1:15: error: unterminated string", errors("model m { x = \"abc\n}").get(0));
  }

  @Test
  void tenThousandNestedParenthesesHitTheNestingLimit() throws IOException {
    // One parenthesis per line; with the model's brace, the 100th parenthesis is level 101.
    String deep = "model m { x =\n" + "(\n".repeat(10_000) + "1" + ")\n".repeat(10_000) + " }";
    assertEquals(List.of("bad.pmm:" + (1 + InputLimits.MAX_NESTING)
        + ":1: error: nesting too deep (more than 100 levels of brackets)"), errors(deep));
  }

  @Test
  void oneMegabyteLineHitsTheLineLimit() throws IOException {
    String line = "model m { x = " + "1 + ".repeat(250_000) + "1 }";
    assertEquals(List.of("bad.pmm:1:10001: error: line too long (" + line.length()
        + " characters; the limit is 10000)"), errors(line));
  }

  @Test
  void longOperatorChainOverManyLinesHitsTheOperatorLimit() throws IOException {
    String chain = "model m { x = 1\n" + "+ 1\n".repeat(5_000) + "}";
    assertEquals(List.of("bad.pmm:1002:1: error: expression too long (more than 1000 operators in one statement)"),
        errors(chain));
  }

  @Test
  void longRunOfMinusSignsHitsTheLimit() throws IOException {
    String minus = "model m { x = " + "-".repeat(5_000) + "1 }";
    assertEquals(List.of("bad.pmm:1:115: error: too many '-' in a row (more than 100)"), errors(minus));
  }

  @Test
  void fileTooLarge() throws IOException {
    byte[] big = new byte[InputLimits.MAX_FILE_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    assertEquals(List.of("bad.pmm: error: file too large (" + big.length + " bytes; the limit is "
        + InputLimits.MAX_FILE_BYTES + ")"), errors(big));
  }

  @Test
  void importPathWithANulCharacterIsALocatedError() throws IOException {
    assertEquals(List.of("bad.pmm:2:1: error: cannot import a path that contains the character U+0000"),
        errors("model m { x = 1 }\nimport \"a\u0000b.pmm\"\n"));
  }

  @Test
  void importOfADirectorySaysSo() throws IOException {
    Files.createDirectories(directory.resolve("sub"));
    assertEquals(List.of("bad.pmm:1:1: error: cannot import 'sub': it is a directory"),
        errors("import \"sub\"\nmodel m { x = 1 }\n"));
  }

  @Test
  void aDirectoryGivenAsTheFileSaysSo() {
    CheckFailed failed = assertThrows(CheckFailed.class, () -> ProgramChecker.checkFile(directory, "models"));
    assertEquals("models: error: is a directory, not a .pmm file", failed.diagnostics().get(0).header());
  }

  @Test
  void aFifoGivenAsTheFileSaysSoWithoutReadingIt() throws Exception {
    Path fifo = directory.resolve("pipe.pmm");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
    assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
    // Reading a FIFO nobody writes to would block: the check must not open it.
    CheckFailed failed = assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
        () -> assertThrows(CheckFailed.class, () -> ProgramChecker.checkFile(fifo, "pipe.pmm")));
    assertEquals("pipe.pmm: error: is a FIFO (named pipe), not a .pmm file", failed.diagnostics().get(0).header());
  }

  @Test
  void missingFile() {
    CheckFailed failed = assertThrows(CheckFailed.class,
        () -> ProgramChecker.checkFile(directory.resolve("none.pmm"), "none.pmm"));
    assertEquals("none.pmm: error: no such file", failed.diagnostics().get(0).header());
  }
}
