package org.pmm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.dataset.ChunkedDataset;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jhdf 0.13.0 behaviour {@link UnmappedHdfFile} works around, on a 4-row surrogate whose
 * datasets are stored in chunks of 1 x 7 values (586 chunks a row of {@code vgg_features}).
 * Opened the usual way, jhdf memory-maps every chunk it reads, and a mapping lives as long as its
 * buffer: holding the buffers of one row's chunks holds 586 mappings. Given a channel that
 * cannot map, jhdf reads chunks into heap buffers and maps nothing. If a jhdf upgrade changes
 * either half, this test says so.
 */
class JhdfChunkMappingTest {
  private static final int CHUNKS_PER_ROW = (4096 + 6) / 7;

  @TempDir static Path dir;
  private static Path file;

  @BeforeAll
  static void write() throws IOException {
    file = dir.resolve("chunks-1x7.h5");
    SurrogateGenerator.writeChunked(file, 4, 1, 1, 7, line -> { });
  }

  /** Mapped buffers alive in this JVM (mapped and not yet released). */
  static long liveMappings() {
    return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(pool -> pool.getName().equals("mapped"))
        .mapToLong(BufferPoolMXBean::getCount).sum();
  }

  @Test
  void jhdfMapsEachChunkItReads() {
    try (HdfFile hdf = new HdfFile(file)) {
      ChunkedDataset image = (ChunkedDataset) hdf.getDatasetByPath("vgg_features");
      assertEquals(List.of(1, 7), List.of(image.getChunkDimensions()[0],
          image.getChunkDimensions()[1]));
      long before = liveMappings();
      List<ByteBuffer> held = new ArrayList<>();
      for (int chunk = 0; chunk < CHUNKS_PER_ROW; chunk++) {
        held.add(image.getRawChunkBuffer(new int[] {2, chunk * 7}));
      }
      assertTrue(held.get(0) instanceof MappedByteBuffer, held.get(0).getClass().getName());
      assertTrue(liveMappings() - before >= CHUNKS_PER_ROW,
          "one mapping per chunk: " + (liveMappings() - before) + " for " + CHUNKS_PER_ROW);
    }
  }

  @Test
  void withAChannelThatCannotMapJhdfReadsChunksIntoHeapBuffers() throws IOException {
    try (HdfFile hdf = UnmappedHdfFile.open(file)) {
      ChunkedDataset image = (ChunkedDataset) hdf.getDatasetByPath("vgg_features");
      long before = liveMappings();
      ByteBuffer chunk = image.getRawChunkBuffer(new int[] {2, 7});
      assertFalse(chunk.isDirect(), chunk.getClass().getName());
      float[][] all = (float[][]) image.getData();
      assertEquals(4, all.length);
      assertEquals(chunk.order(java.nio.ByteOrder.LITTLE_ENDIAN).getFloat(0), all[2][7]);
      assertEquals(0, liveMappings() - before, "no mapping");
    }
  }
}
