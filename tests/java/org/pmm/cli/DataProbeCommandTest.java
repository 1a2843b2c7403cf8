package org.pmm.cli;

import org.pmm.base.ExitCodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.data.SurrogateGenerator;

class DataProbeCommandTest {
  @TempDir Path dir;

  /** Exit code, standard output and standard error of one run. */
  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = Main.run(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void printsTheLinearProbeAndOneLinePerEpoch() throws IOException {
    Path file = dir.resolve("s.h5");
    SurrogateGenerator.write(file, 300, 1, line -> {});
    Run r = run("data", "probe", file.toString(), "--width", "8", "--epochs", "3", "--quiet");
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err(), "--quiet prints no progress");
    assertTrue(r.out().contains("official split: train 180, dev 30, test 90"), r.out());
    Matcher linear = Pattern.compile("text (0\\.\\d{3}), image (0\\.\\d{3}), both (0\\.\\d{3})")
        .matcher(r.out());
    assertTrue(linear.find(), r.out());
    Matcher epoch = Pattern.compile("(?m)^ +(\\d+) +\\d+\\.\\d{4} +(\\d\\.\\d{3}) +(\\d\\.\\d{3})"
        + " +(-?\\d\\.\\d{3}) +\\d+\\.\\d$").matcher(r.out());
    int epochs = 0;
    while (epoch.find()) {
      epochs++;
      assertEquals(epochs, Integer.parseInt(epoch.group(1)));
      double gap = Double.parseDouble(epoch.group(4));
      double difference = Double.parseDouble(epoch.group(2))
          - Double.parseDouble(epoch.group(3));
      assertEquals(difference, gap, 0.0015, "gap column is train minus validation");
    }
    assertEquals(3, epochs, r.out());
    assertTrue(r.out().contains("best validation weighted F1"), r.out());
  }

  @Test
  void badArgumentsAreUsageErrors() {
    Path file = dir.resolve("unused.h5");
    Run width = run("data", "probe", file.toString(), "--width", "0");
    assertEquals(ExitCodes.USAGE, width.code());
    assertTrue(width.err().contains("--width must be positive, got 0"), width.err());
    Run epochs = run("data", "probe", file.toString(), "--epochs", "-2");
    assertEquals(ExitCodes.USAGE, epochs.code());
    assertTrue(epochs.err().contains("--epochs must be positive, got -2"), epochs.err());
    Run notNumber = run("data", "probe", file.toString(), "--width", "wide");
    assertEquals(ExitCodes.USAGE, notNumber.code());
    assertTrue(notNumber.err().contains("--width"), notNumber.err());
    Run twoFiles = run("data", "probe", "a.h5", "b.h5");
    assertEquals(ExitCodes.USAGE, twoFiles.code());
    Run unknown = run("data", "probe", file.toString(), "--widht", "8");
    assertEquals(ExitCodes.USAGE, unknown.code());
  }

  @Test
  void badFilesAreBadInputNamingTheFile() throws IOException {
    Path missing = dir.resolve("missing.h5");
    Run r = run("data", "probe", missing.toString(), "--quiet");
    assertEquals(ExitCodes.BAD_INPUT, r.code());
    assertTrue(r.err().contains("missing.h5"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());

    Path text = dir.resolve("notes.h5");
    Files.writeString(text, "hello");
    Run t = run("data", "probe", text.toString(), "--quiet");
    assertEquals(ExitCodes.BAD_INPUT, t.code());
    assertTrue(t.err().contains("notes.h5"), t.err());

    // Three movies: the official proportions leave no validation row.
    Path tiny = dir.resolve("tiny.h5");
    SurrogateGenerator.write(tiny, 3, 0, line -> {});
    Run small = run("data", "probe", tiny.toString(), "--quiet");
    assertEquals(ExitCodes.BAD_INPUT, small.code());
    assertTrue(small.err().contains("'" + tiny + "' is too small to probe: its official split "
        + "(proportional to its 3 rows) has 2 training, 0 validation and 1 test rows; every part "
        + "needs at least one row; files of 7 rows or more always have rows in every part"),
        small.err());
  }
}
