package org.pmm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurrogateGeneratorTest {
  static final int ROWS = 5000;
  static SurrogateGenerator.Data data;

  @BeforeAll
  static void generate() {
    data = new SurrogateGenerator(ROWS, 0).generate(line -> {});
  }

  @Test
  void genreCountsWithinThreePercentOfMmImdbScaled() {
    for (int g = 0; g < Genres.COUNT; g++) {
      int count = 0;
      for (int[] row : data.genres()) {
        count += row[g];
      }
      double expected = Genres.expectedCount(g, ROWS);
      assertEquals(expected, count, 0.03 * expected, Genres.NAMES.get(g));
    }
  }

  @Test
  void labelsPerMovieFollowMmImdb() {
    int[] histogram = new int[24];
    long total = 0;
    for (int[] row : data.genres()) {
      int k = Arrays.stream(row).sum();
      histogram[k]++;
      total += k;
    }
    assertEquals(0, histogram[0], "every movie has a genre");
    double[] share = {0.23, 0.32, 0.27, 0.13, 0.045, 0.012};
    for (int k = 1; k <= 6; k++) {
      assertEquals(share[k - 1], histogram[k] / (double) ROWS, 0.005, "movies with " + k);
    }
    assertEquals(2.48, total / (double) ROWS, 0.02);
  }

  @Test
  void genreCorrelationsHaveMmImdbsSigns() {
    String[][] positive = {{"Family", "Animation"}, {"Thriller", "Crime"},
        {"Thriller", "Mystery"}, {"War", "History"}};
    String[][] negative = {{"Drama", "Documentary"}, {"Drama", "Horror"}, {"Drama", "Comedy"}};
    for (String[] pair : positive) {
      assertTrue(correlation(pair[0], pair[1]) > 0.05, Arrays.toString(pair));
    }
    for (String[] pair : negative) {
      assertTrue(correlation(pair[0], pair[1]) < -0.03, Arrays.toString(pair));
    }
  }

  @Test
  void textIsDenseAndSmallImageIsSparseAndNonNegative() {
    double absSum = 0;
    long zeros = 0;
    for (float[] row : data.text()) {
      for (float v : row) {
        absSum += Math.abs(v);
        zeros += v == 0f ? 1 : 0;
      }
    }
    double meanAbs = absSum / (ROWS * 300.0);
    assertTrue(meanAbs > 0.03 && meanAbs < 0.3, "mean |text| " + meanAbs);
    assertTrue(zeros < ROWS * 3, "text is dense");
    long imageZeros = 0;
    for (float[] row : data.image()) {
      for (float v : row) {
        assertTrue(v >= 0f);
        imageZeros += v == 0f ? 1 : 0;
      }
    }
    double zeroFraction = imageZeros / (ROWS * 4096.0);
    assertTrue(zeroFraction > 0.5 && zeroFraction < 0.95, "image zeros " + zeroFraction);
  }

  @Test
  void idsAreSevenDigitsIncreasingAndUnique() {
    String[] ids = data.imdbIds();
    for (int i = 0; i < ids.length; i++) {
      assertTrue(ids[i].matches("\\d{7}"), ids[i]);
      if (i > 0) {
        assertTrue(ids[i].compareTo(ids[i - 1]) > 0);
      }
    }
  }

  @Test
  void sameSeedSameDataOtherSeedOtherData() {
    SurrogateGenerator.Data a = new SurrogateGenerator(300, 11).generate(line -> {});
    SurrogateGenerator.Data b = new SurrogateGenerator(300, 11).generate(line -> {});
    SurrogateGenerator.Data c = new SurrogateGenerator(300, 12).generate(line -> {});
    assertTrue(Arrays.deepEquals(a.text(), b.text()));
    assertTrue(Arrays.deepEquals(a.image(), b.image()));
    assertTrue(Arrays.deepEquals(a.genres(), b.genres()));
    assertArrayEquals(a.imdbIds(), b.imdbIds());
    assertFalse(Arrays.deepEquals(a.text(), c.text()));
    assertFalse(Arrays.deepEquals(a.genres(), c.genres()));
  }

  @Test
  void writesAtomicallyAndTheFileHasTheRealLayout(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("s.h5");
    SurrogateGenerator.write(out, 120, 0, line -> {});
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
    try (MmImdbFile file = MmImdbFile.open(out)) {
      var types = file.layout().stream()
          .collect(java.util.stream.Collectors.toMap(MmImdbFile.DatasetInfo::name,
              d -> Arrays.toString(d.shape()) + " " + d.type()));
      assertEquals("[120, 300] float32", types.get("features"));
      assertEquals("[120, 4096] float32", types.get("vgg_features"));
      assertEquals("[120, 23] int32", types.get("genres"));
      assertEquals("[120] string(8 bytes)", types.get("imdb_ids"));
    }
    try (io.jhdf.HdfFile hdf = new io.jhdf.HdfFile(out)) {
      Object names = hdf.getDatasetByPath("genres").getAttribute("target_names").getData();
      assertTrue(((String) names).startsWith("[\"Drama\", \"Comedy\", \"Romance\", "), names.toString());
      assertTrue(((String) names).endsWith(", \"Film-Noir\"]"), names.toString());
    }
  }

  private static double correlation(String a, String b) {
    int i = Genres.indexOf(a);
    int j = Genres.indexOf(b);
    double si = 0;
    double sj = 0;
    double sij = 0;
    for (int[] row : data.genres()) {
      si += row[i];
      sj += row[j];
      sij += row[i] * row[j];
    }
    double n = ROWS;
    double cov = sij / n - (si / n) * (sj / n);
    double vi = si / n * (1 - si / n);
    double vj = sj / n * (1 - sj / n);
    return cov / Math.sqrt(vi * vj);
  }
}
