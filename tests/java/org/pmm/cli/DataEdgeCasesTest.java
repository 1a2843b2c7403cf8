package org.pmm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.base.ExitCodes;
import org.pmm.data.SurrogateGenerator;

/**
 * {@code data inspect} and {@code train} on HDF5 files at the edges (issue 26): values training
 * refuses, files too small to split, truncated files, links, many small chunks. Each refusal is
 * one {@code pmm: error:} line, exit 1, with the row and column or the split's sizes.
 */
class DataEdgeCasesTest {
  private static final Path FIXTURES = Path.of("tests/resources/data");

  @TempDir Path dir;

  private record Run(int code, String out, String err) {
    String firstError() {
      return err.lines().filter(l -> l.startsWith("pmm: ")).findFirst().orElse("");
    }
  }

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private static void assertOneError(Run run, String expected) {
    assertEquals(ExitCodes.BAD_INPUT, run.code(), run.err());
    assertEquals("pmm: error: " + expected, run.firstError(), run.err());
    assertEquals(1, run.err().lines().filter(l -> l.startsWith("pmm: error")).count(), run.err());
    assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), run.err());
  }

  @Test
  void inspectExitsOneAndLocatesWhatTrainingWouldRefuse() throws IOException {
    SurrogateGenerator.Data data = new SurrogateGenerator(12, 4).generate(line -> { });
    data.image()[3][17] = Float.NaN;
    data.text()[9][2] = Float.POSITIVE_INFINITY;
    data.genres()[2][5] = 2;
    Path file = dir.resolve("bad-values.h5");
    SurrogateGenerator.write(file, data);
    Run inspect = run("data", "inspect", file.toString());
    assertTrue(inspect.out().contains("checks: FAILED; 1 labels not 0/1; 2 NaN or infinite "
        + "features"), inspect.out());
    // the first problem training meets: it checks features, then vgg_features, then genres
    assertOneError(inspect, "invalid data file '" + file + "': dataset 'features' has Infinity "
        + "at row 9, column 2; expected finite numbers (in all 2 NaN or infinite features and "
        + "1 labels not 0/1)");
    Run train = run("train", "models/gmu.pmm", "--data", file.toString(), "--out",
        dir.resolve("out").toString(), "--quiet");
    assertOneError(train, "invalid data file '" + file + "': dataset 'features' has Infinity "
        + "at row 9, column 2; expected finite numbers");

    data.text()[9][2] = 0f;
    SurrogateGenerator.write(file, data);
    assertOneError(run("data", "inspect", file.toString()), "invalid data file '" + file
        + "': dataset 'vgg_features' has NaN at row 3, column 17; expected finite numbers "
        + "(in all 1 NaN or infinite features and 1 labels not 0/1)");
  }

  @Test
  void trainingRefusesFilesWhoseSplitLeavesAPartEmpty() throws IOException {
    for (int rows : new int[] {1, 2, 3}) {
      Path file = dir.resolve("rows-" + rows + ".h5");
      SurrogateGenerator.write(file, rows, 0, line -> { });
      Run train = run("train", "models/gmu.pmm", "--data", file.toString(), "--out",
          dir.resolve("out-" + rows).toString(), "--quiet");
      int train0 = rows == 1 ? 1 : rows - 1;
      assertOneError(train, "data file '" + file + "' is too small to train on: its official "
          + "split (proportional to its " + (rows == 1 ? "1 row" : rows + " rows") + ") has "
          + train0 + " training, 0 validation and " + (rows - train0) + " test rows; every part "
          + "needs at least one row; files of 7 rows or more always have rows in every part");
    }
    Path emptyDev = FIXTURES.resolve("mmimdb_fixture_empty_dev.h5");
    assertOneError(run("train", "models/gmu.pmm", "--data", emptyDev.toString(), "--out",
        dir.resolve("out-dev").toString(), "--quiet"), "data file '" + emptyDev + "' is too "
        + "small to train on: its official split (from the file's 'split' attribute) has 4 "
        + "training, 0 validation and 2 test rows; every part needs at least one row");
  }

  @Test
  void truncatedFilesAreCalledTruncated() throws IOException {
    Path full = dir.resolve("full.h5");
    SurrogateGenerator.write(full, 20, 0, line -> { });
    byte[] bytes = Files.readAllBytes(full);
    for (int keep : new int[] {bytes.length / 2, 600, 100}) {
      Path cut = dir.resolve("cut-" + keep + ".h5");
      Files.write(cut, Arrays.copyOf(bytes, keep));
      assertOneError(run("data", "inspect", cut.toString()), "cannot read HDF5 file '" + cut
          + "': it is truncated: it has " + keep + " bytes but its superblock says it ends at "
          + "byte " + bytes.length + " (an incomplete copy or download?)");
    }
  }

  @Test
  void linksAreNamedForWhatTheyAre() {
    Path links = FIXTURES.resolve("mmimdb_fixture_links.h5");
    assertOneError(run("data", "inspect", links.toString()), "invalid data file '" + links
        + "': dataset 'features' should be a dataset stored in the file, found a soft link to "
        + "'/stored/features'");
  }

  @Test
  void inspectPrintsTheSameForAFileOfOneBySevenChunksAsForItsContiguousCopy() {
    Path chunked = FIXTURES.resolve("mmimdb_fixture_chunks_1x7.h5");
    Path contiguous = FIXTURES.resolve("mmimdb_fixture.h5");
    Run a = run("data", "inspect", chunked.toString());
    Run b = run("data", "inspect", contiguous.toString());
    assertEquals(0, a.code(), a.err());
    assertEquals(0, b.code(), b.err());
    assertTrue(a.out().contains("vgg_features   [40, 4096]             float32            chunked"),
        a.out());
    List<String> expected = b.out().replace(contiguous.toString(), "FILE").lines()
        .map(l -> l.replaceAll("contiguous$", "")).toList();
    List<String> actual = a.out().replace(chunked.toString(), "FILE").lines()
        .map(l -> l.replaceAll("(chunked|contiguous)$", "")).toList();
    assertEquals(expected, actual);
  }
}
