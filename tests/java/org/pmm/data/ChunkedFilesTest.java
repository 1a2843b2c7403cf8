package org.pmm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunked files read like their contiguous copies, without a memory mapping per chunk. A file
 * whose {@code vgg_features} h5py wrote in chunks of 1 x 7 values crashed the JVM: jhdf mapped
 * each chunk it read and, before the garbage collector released them, reached the kernel's
 * limit of 65,530 mappings ({@link JhdfChunkMappingTest} shows the jhdf side).
 */
class ChunkedFilesTest {
  @TempDir Path dir;

  @Test
  void manySmallChunksReadWithoutMemoryMappingsAndLikeTheContiguousCopy() throws IOException {
    SurrogateGenerator.Data data = new SurrogateGenerator(40, 11).generate(line -> { });
    Path contiguous = dir.resolve("contiguous.h5");
    Path chunked = dir.resolve("chunks-1x7.h5");
    SurrogateGenerator.writeHdf5(contiguous, data);
    SurrogateGenerator.writeHdf5(chunked, data, new int[] {1, 7});

    long before = JhdfChunkMappingTest.liveMappings();
    MmImdbData fromChunks = MmImdbData.load(chunked);
    FileSummary summary;
    try (MmImdbFile file = MmImdbFile.open(chunked)) {
      assertEquals(40L * 586, file.chunks(Source.IMAGE));
      assertEquals("1 x 7", file.chunkShape(Source.IMAGE));
      summary = FileSummary.of(file);
    }
    // 40 x (586 + 43 + 4) = 25,320 chunks read twice; mapped, each would stay until collected
    long mappings = JhdfChunkMappingTest.liveMappings() - before;
    assertTrue(mappings <= 0, mappings + " memory mappings left after reading 50,640 chunks");

    assertSameValues(MmImdbData.load(contiguous), fromChunks);
    try (MmImdbFile file = MmImdbFile.open(contiguous)) {
      assertSameSummary(FileSummary.of(file), summary);
    }
  }

  @Test
  void rowChunksAndRangesThatCutThroughChunksReadLikeTheContiguousCopy() throws IOException {
    SurrogateGenerator.Data data = new SurrogateGenerator(30, 12).generate(line -> { });
    Path contiguous = dir.resolve("contiguous.h5");
    SurrogateGenerator.writeHdf5(contiguous, data);
    try (MmImdbFile plain = MmImdbFile.open(contiguous)) {
      for (int[] chunk : List.of(new int[] {1, 4096}, new int[] {4, 100}, new int[] {7, 5000})) {
        Path chunked = dir.resolve("chunks-" + chunk[0] + "x" + chunk[1] + ".h5");
        SurrogateGenerator.writeHdf5(chunked, data, chunk);
        try (MmImdbFile file = MmImdbFile.open(chunked)) {
          for (Source source : Source.values()) {
            for (int[] range : List.of(new int[] {0, 30}, new int[] {3, 26}, new int[] {29, 30})) {
              assertArrayEquals(plain.read(source, range[0], range[1]),
                  file.read(source, range[0], range[1]), source + " rows " + range[0] + ".."
                      + range[1] + " of " + chunked.getFileName());
            }
          }
        }
      }
    }
  }

  /** The file h5py wrote (B-tree chunk index, as in the report) and its contiguous copy. */
  @Test
  void h5pyFileOfOneBySevenChunksReadsLikeTheContiguousFixture() {
    Path chunked = TestFiles.resource("mmimdb_fixture_chunks_1x7.h5");
    Path contiguous = TestFiles.resource("mmimdb_fixture.h5");
    long before = JhdfChunkMappingTest.liveMappings();
    MmImdbData fromChunks = MmImdbData.load(chunked);
    assertTrue(JhdfChunkMappingTest.liveMappings() - before <= 0, "memory mappings left");
    assertSameValues(MmImdbData.load(contiguous), fromChunks);
    assertEquals(new SplitRanges(25, 30, 40), fromChunks.officialRanges());
    try (MmImdbFile file = MmImdbFile.open(chunked); MmImdbFile plain = MmImdbFile.open(contiguous)) {
      assertEquals(40L * 586, file.chunks(Source.IMAGE));
      assertEquals(0, plain.chunks(Source.IMAGE));
      assertSameSummary(FileSummary.of(plain), FileSummary.of(file));
    }
  }

  @Test
  void progressSaysHowManyRowsAreReadOnceTheReadIsSlow() {
    long[] now = {0};
    List<String> lines = new ArrayList<>();
    // every read takes a simulated second; lines come once 2 s have passed, then every 2 s
    ReadProgress progress = new ReadProgress(2_000_000_000L, () -> now[0] += 1_000_000_000L,
        lines::add);
    try (MmImdbFile file = MmImdbFile.open(TestFiles.resource("mmimdb_fixture_chunks_1x7.h5"))) {
      FileSummary.of(file, progress, 5);
    }
    assertEquals(List.of("read 10 of 40 rows (25%)", "read 20 of 40 rows (50%)",
        "read 30 of 40 rows (75%)"), lines);
  }

  private static void assertSameValues(MmImdbData expected, MmImdbData actual) {
    assertArrayEquals(expected.text(), actual.text());
    assertArrayEquals(expected.image(), actual.image());
    assertArrayEquals(expected.labels(), actual.labels());
    assertArrayEquals(expected.imdbIds(), actual.imdbIds());
  }

  private static void assertSameSummary(FileSummary expected, FileSummary actual) {
    assertArrayEquals(expected.genreCounts(), actual.genreCounts());
    assertArrayEquals(expected.labelsPerMovie(), actual.labelsPerMovie());
    for (FileSummary.FeatureStats[] pair : new FileSummary.FeatureStats[][] {
        {expected.text(), actual.text()}, {expected.image(), actual.image()}}) {
      assertEquals(pair[0].mean(), pair[1].mean());
      assertEquals(pair[0].std(), pair[1].std());
      assertEquals(pair[0].min(), pair[1].min());
      assertEquals(pair[0].max(), pair[1].max());
      assertEquals(pair[0].zeroFraction(), pair[1].zeroFraction());
    }
  }
}
