package org.pmm.experiment.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.base.UserError;

class PredictionsCsvTest {
  @TempDir Path dir;

  private static final List<String> GENRES = ResultsFixtures.GENRES;

  @Test
  void headerHas47ColumnsInGenreOrder() throws Exception {
    Path file = dir.resolve(PredictionsCsv.fileName("pmmo-lkl-l2", 0));
    assertEquals("predictions-pmmo-lkl-l2-cycle0.csv", file.getFileName().toString());
    PredictionsCsv.write(file, GENRES, List.of("0000001"), new double[1][23], new int[1][23]);
    String header = Files.readAllLines(file).get(0);
    String[] columns = header.split(",");
    assertEquals(47, columns.length);
    assertEquals("imdb_id", columns[0]);
    assertEquals("p_Drama", columns[1]);
    assertEquals("p_Film-Noir", columns[23]);
    assertEquals("y_Drama", columns[24]);
    assertEquals("y_Sci-Fi", columns[24 + 10]);
    assertEquals("y_Film-Noir", columns[46]);
  }

  @Test
  void rowsReadBackExactlyWithLeadingZerosAndPlainDecimals() throws Exception {
    double[][] p = new double[2][23];
    int[][] y = new int[2][23];
    p[0][0] = 0.9137;
    p[0][1] = 1e-7;        // would be "1.0E-7" with Double.toString
    p[0][2] = 1.0;
    p[1][5] = 0.123456789012345;
    y[0][0] = 1;
    y[1][22] = 1;
    List<String> ids = List.of("0012345", "tt,\"odd\"");
    Path file = dir.resolve("p.csv");
    PredictionsCsv.write(file, GENRES, ids, p, y);

    String text = Files.readString(file);
    assertTrue(text.contains("\r\n0012345,0.9137,0.0000001,1,0,"), text.substring(0, 400));
    assertTrue(text.contains("\r\n\"tt,\"\"odd\"\"\",0,"), "RFC 4180 quoting");
    assertFalse(text.contains("E-"), "no scientific notation");

    PredictionsCsv.Table t = PredictionsCsv.read(file);
    assertEquals(GENRES, t.genres());
    assertEquals(ids, t.imdbIds());
    assertArrayEquals(p[0], t.probabilities()[0]);
    assertArrayEquals(p[1], t.probabilities()[1]);
    assertArrayEquals(y[0], t.labels()[0]);
    assertArrayEquals(y[1], t.labels()[1]);
  }

  @Test
  void floatProbabilitiesPrintTheirShortestDecimal() throws Exception {
    float[][] p = {{0.1f, 3e-6f, 0.5f}};
    Path file = dir.resolve("f.csv");
    PredictionsCsv.write(file, List.of("A", "B", "C"), List.of("0000007"), p,
        new int[][] {{1, 0, 1}});
    assertEquals("0000007,0.1,0.000003,0.5,1,0,1", Files.readAllLines(file).get(1));
  }

  @Test
  void rejectsMismatchedShapesAndMalformedFiles() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> PredictionsCsv.write(dir.resolve("x.csv"),
        GENRES, List.of("1", "2"), new double[1][23], new int[2][23]));
    assertThrows(IllegalArgumentException.class, () -> PredictionsCsv.write(dir.resolve("x.csv"),
        GENRES, List.of("1"), new double[1][22], new int[1][23]));
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "imdb_id,p_A,y_A\n0001,0.5\n");
    UserError e = assertThrows(UserError.class, () -> PredictionsCsv.read(bad));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }
}
