package org.pmm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class BatchIteratorTest {
  @TempDir static Path dir;
  static MmImdbData data;

  @BeforeAll
  static void load() {
    data = MmImdbData.load(TestFiles.write(dir.resolve("b.h5"), TestFiles.tiny(103)));
  }

  private static List<BatchIterator.Batch> epoch(int[] rows, int batch, long seed, int epoch) {
    List<BatchIterator.Batch> out = new ArrayList<>();
    try (BatchIterator it = new BatchIterator(data, rows, batch, seed, epoch)) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  @Test
  void everyTrainingRowExactlyOncePerEpochWithTheLastPartialBatchKept() {
    int[] train = Split.official(SplitRanges.proportional(103)).train();   // 62 rows
    List<BatchIterator.Batch> batches = epoch(train, 16, 1, 0);
    assertEquals(4, batches.size());
    assertEquals(62 - 3 * 16, batches.get(3).size());
    int[] seen = batches.stream().flatMapToInt(b -> Arrays.stream(b.rows())).sorted().toArray();
    assertArrayEquals(train, seen);
  }

  @Test
  void aReleasedBatchCannotBeReadAndClosingHandsBackThoseNotTaken() {
    int[] train = Split.official(SplitRanges.proportional(103)).train();
    BatchIterator it = new BatchIterator(data, train, 8, 1, 0);
    BatchIterator.Batch first = it.next();
    BatchIterator.Batch second = it.next();
    INDArray firstImage = first.image();
    first.release();
    first.release(); // twice: nothing more happens
    assertThrows(IllegalStateException.class, first::text);
    assertThrows(IllegalStateException.class, () -> first.array("vgg_features"));
    assertFalse(firstImage.wasClosed(), "kept for the next batches");
    it.close();
    assertFalse(second.image().wasClosed(), "a batch already handed out stays the caller's");
    second.release();
  }

  @Test
  void aBatchOfTheCallersArraysFreesThemOnRelease() {
    BatchIterator.Batch own = new BatchIterator.Batch(data.matrix(Source.TEXT, new int[] {1, 2}),
        data.matrix(Source.IMAGE, new int[] {1, 2}), data.matrix(Source.LABELS, new int[] {1, 2}),
        new int[] {1, 2});
    INDArray text = own.text();
    own.release();
    assertTrue(text.wasClosed());
  }

  @Test
  void laterEpochsReuseTheReleasedBuffersAndHoldTheirOwnRows() {
    int[] train = Split.official(SplitRanges.proportional(103)).train();   // 62 rows
    long before = BatchBuffers.allocations();
    int batches = 0;
    for (int epoch = 0; epoch < 6; epoch++) {
      try (BatchIterator it = new BatchIterator(data, train, 8, 4, epoch)) {
        while (it.hasNext()) {
          BatchIterator.Batch b = it.next();
          // the reused buffers hold this batch's rows, as a fresh gather has them
          assertArrayEquals(data.matrix(Source.IMAGE, b.rows()).toFloatMatrix(),
              b.image().toFloatMatrix());
          assertArrayEquals(data.matrix(Source.TEXT, b.rows()).toFloatMatrix(),
              b.text().toFloatMatrix());
          assertArrayEquals(data.matrix(Source.LABELS, b.rows()).toFloatMatrix(),
              b.labels().toFloatMatrix());
          b.release();
          batches++;
        }
      }
    }
    assertEquals(48, batches);
    // 8 batches an epoch (7 of 8 rows, 1 of 6), each 3 matrices: without reuse 144 allocations;
    // with it at most the batches in flight at once (queued, being gathered, in use) per shape
    long allocated = BatchBuffers.allocations() - before;
    assertTrue(allocated <= 3 * (BatchIterator.AHEAD + 2) * 2, allocated + " allocations");
  }

  @Test
  void batchesHoldTheRowsTheyName() {
    BatchIterator.Batch b = epoch(new int[] {5, 9, 77}, 8, 2, 3).get(0);
    assertEquals(DataType.FLOAT, b.text().dataType());
    assertArrayEquals(new long[] {3, 300}, b.text().shape());
    assertArrayEquals(new long[] {3, 4096}, b.image().shape());
    assertArrayEquals(new long[] {3, 23}, b.labels().shape());
    float[][] text = b.text().toFloatMatrix();
    float[][] image = b.image().toFloatMatrix();
    float[][] labels = b.labels().toFloatMatrix();
    for (int i = 0; i < 3; i++) {
      int row = b.rows()[i];
      for (int c = 0; c < 300; c++) {
        assertEquals(row + c / 1000f, text[i][c], 1e-4f, "text " + row + "," + c);
      }
      for (int c = 0; c < 4096; c++) {   // tiny(): every third column r + c / 10000, else 0
        assertEquals(c % 3 == 0 ? row + c / 10000f : 0f, image[i][c], 1e-4f, "image " + c);
      }
      int[] labelRow = data.labelRows(new int[] {row})[0];
      for (int c = 0; c < 23; c++) {
        assertEquals(c == row % 23 ? 1f : 0f, labels[i][c], "label " + c);
        assertEquals(c == row % 23 ? 1 : 0, labelRow[c], "label row " + c);
      }
    }
  }

  @Test
  void orderIsFixedBySeedAndEpochAndChangesBetweenEpochs() {
    int[] rows = java.util.stream.IntStream.range(0, 103).toArray();
    assertArrayEquals(BatchIterator.shuffled(rows, 5, 2), BatchIterator.shuffled(rows, 5, 2));
    assertFalse(Arrays.equals(BatchIterator.shuffled(rows, 5, 2),
        BatchIterator.shuffled(rows, 5, 3)));
    assertFalse(Arrays.equals(BatchIterator.shuffled(rows, 5, 2),
        BatchIterator.shuffled(rows, 6, 2)));
    assertArrayEquals(BatchIterator.shuffled(rows, 5, 2),
        epoch(rows, 10, 5, 2).stream().flatMapToInt(b -> Arrays.stream(b.rows())).toArray());
  }

  @Test
  void anEpochResumedAtABatchGoesOnWithTheSameBatches() {
    int[] rows = java.util.stream.IntStream.range(0, 103).toArray();
    List<BatchIterator.Batch> whole = epoch(rows, 10, 5, 2);   // 11 batches, the last of 3 rows
    for (int first : new int[] {0, 4, 10, 11, 12}) {
      List<int[]> rest = new ArrayList<>();
      try (BatchIterator it = new BatchIterator(data, rows, 10, 5, 2, first)) {
        it.forEachRemaining(b -> rest.add(b.rows()));
      }
      assertEquals(Math.max(0, whole.size() - first), rest.size(), "from batch " + first);
      for (int i = 0; i < rest.size(); i++) {
        assertArrayEquals(whole.get(first + i).rows(), rest.get(i), "batch " + (first + i));
      }
    }
  }

  @Test
  void closingEarlyStopsTheProducer() {
    int[] rows = java.util.stream.IntStream.range(0, 103).toArray();
    BatchIterator it = new BatchIterator(data, rows, 1, 0, 0);
    assertTrue(it.hasNext());
    it.next();
    it.close();
    assertFalse(it.hasNext());
  }

  @Test
  void inOrderKeepsTheGivenOrder() {
    try (BatchIterator it = BatchIterator.inOrder(data, new int[] {9, 3, 4}, 2)) {
      assertArrayEquals(new int[] {9, 3}, it.next().rows());
      assertArrayEquals(new int[] {4}, it.next().rows());
      assertFalse(it.hasNext());
    }
  }
}
