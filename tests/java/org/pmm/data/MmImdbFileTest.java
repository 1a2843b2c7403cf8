package org.pmm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class MmImdbFileTest {
  @TempDir Path dir;

  @Test
  void readsWhatTheGeneratorWroteRowRangeByRowRange() {
    SurrogateGenerator.Data data = new SurrogateGenerator(60, 3).generate(line -> {});
    Path path = TestFiles.write(dir.resolve("s.h5"), data);
    try (MmImdbFile file = MmImdbFile.open(path)) {
      assertEquals(60, file.rows());
      assertEquals(Genres.NAMES, file.genreNames());
      float[] text = file.read(Source.TEXT, 10, 13);
      for (int r = 0; r < 3; r++) {
        assertArrayEquals(data.text()[10 + r], Arrays.copyOfRange(text, r * 300, r * 300 + 300));
      }
      float[] image = file.read(Source.IMAGE, 59, 60);
      assertArrayEquals(data.image()[59], image);
      float[] labels = file.read(Source.LABELS, 0, 60);
      for (int r = 0; r < 60; r++) {
        for (int g = 0; g < 23; g++) {
          assertEquals(data.genres()[r][g], labels[r * 23 + g]);
        }
      }
      assertArrayEquals(Arrays.copyOfRange(data.imdbIds(), 5, 9), file.readImdbIds(5, 9));
      INDArray matrix = file.matrix(Source.TEXT, 2, 4);
      assertEquals(DataType.FLOAT, matrix.dataType());
      assertArrayEquals(new long[] {2, 300}, matrix.shape());
      assertEquals(data.text()[3][299], matrix.getFloat(1, 299));
      assertEquals(Optional.empty(), file.splitFromFile());
    }
  }

  @Test
  void keepsLeadingZerosOfImdbIds() {
    Path path = TestFiles.write(dir.resolve("t.h5"), TestFiles.tiny(4));
    try (MmImdbFile file = MmImdbFile.open(path)) {
      assertArrayEquals(new String[] {"0000000", "0000007", "0000014", "0000021"},
          file.readImdbIds(0, 4));
    }
  }

  @Test
  void readsTheH5pyFixtureWithAllQuirksOfTheRealFile() {
    try (MmImdbFile file = MmImdbFile.open(TestFiles.resource("mmimdb_fixture.h5"))) {
      assertEquals(40, file.rows());
      assertEquals(Genres.NAMES, file.genreNames());
      List<String> names = file.layout().stream().map(MmImdbFile.DatasetInfo::name).toList();
      assertTrue(names.containsAll(List.of("images", "sequences", "three_grams", "word_grams")));
      // The fixture's ids are "%07d" % (i * 37 + 5) and row 7 has no genre (make_fixture.py).
      assertArrayEquals(new String[] {"0000005", "0000042"}, file.readImdbIds(0, 2));
      assertEquals(Optional.of(new SplitRanges(25, 30, 40)), file.splitFromFile());
      MmImdbData data = MmImdbData.load(file, 0, 40);
      assertEquals(1, data.rowsWithoutGenre());
      assertTrue(data.warnings().stream().anyMatch(w -> w.contains("1 of 40 rows")));
      assertTrue(data.splitFromFile());
    }
  }

  @Test
  void chunkedGzipFixtureReadsIdenticallyToTheContiguousOne() {
    MmImdbData plain = MmImdbData.load(TestFiles.resource("mmimdb_fixture.h5"));
    MmImdbData gzip = MmImdbData.load(TestFiles.resource("mmimdb_fixture_gzip.h5"));
    assertArrayEquals(plain.text(), gzip.text());
    assertArrayEquals(plain.image(), gzip.image());
    assertArrayEquals(plain.labels(), gzip.labels());
    assertArrayEquals(plain.imdbIds(), gzip.imdbIds());
    assertEquals(plain.officialRanges(), gzip.officialRanges());
    try (MmImdbFile file = MmImdbFile.open(TestFiles.resource("mmimdb_fixture_gzip.h5"))) {
      assertArrayEquals(Arrays.copyOfRange(plain.image(), 4096 * 3, 4096 * 5),
          file.read(Source.IMAGE, 3, 5));
      assertEquals("chunked", file.layout().stream()
          .filter(d -> d.name().equals("features")).findFirst().orElseThrow().storage());
    }
  }

  @Test
  void acceptsTargetNamesAsAnArrayOfStrings() {
    SurrogateGenerator.Data data = TestFiles.tiny(3);
    Path path = TestFiles.writeCustom(dir.resolve("names.h5"), f -> {
      f.putDataset("features", data.text());
      f.putDataset("vgg_features", data.image());
      f.putDataset("genres", data.genres())
          .putAttribute("target_names", Genres.NAMES.toArray(new String[0]));
      f.putDataset("imdb_ids", data.imdbIds());
    });
    try (MmImdbFile file = MmImdbFile.open(path)) {
      assertEquals(Genres.NAMES, file.genreNames());
    }
  }

  /**
   * jhdf 0.13.0 writes a fixed-length string dataset with one byte more than the longest string,
   * null-terminated ({@code |S8} for 7-digit ids), where h5py wrote {@code |S7} null-padded. The
   * values read back are identical, which is what matters; this test pins the difference.
   */
  @Test
  void jhdfWritesSevenCharacterIdsAsEightByteNullTerminatedStrings() {
    Path path = TestFiles.write(dir.resolve("ids.h5"), TestFiles.tiny(2));
    try (io.jhdf.HdfFile hdf = new io.jhdf.HdfFile(path)) {
      var type = (io.jhdf.object.datatype.StringData) hdf.getDatasetByPath("imdb_ids")
          .getDataType();
      assertEquals(8, type.getSize());
      assertEquals(io.jhdf.object.datatype.StringData.PaddingType.NULL_TERMINATED,
          type.getPaddingType());
    }
    try (MmImdbFile file = MmImdbFile.open(TestFiles.resource("mmimdb_fixture.h5"))) {
      assertEquals("string(7 bytes)", file.layout().stream()
          .filter(d -> d.name().equals("imdb_ids")).findFirst().orElseThrow().type());
    }
  }
}
