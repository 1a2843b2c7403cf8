package org.pmm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A matrix given back is the next one taken of its shape; one given back twice, or freed by
 * someone else meanwhile, is not handed out again; what is kept stays within
 * {@link BatchBuffers#KEPT_BYTES}. Shapes no other test uses keep the shared buffers apart.
 */
class BatchBuffersTest {
  @Test
  void aMatrixGivenBackIsTheNextTakenOfItsShape() {
    INDArray a = BatchBuffers.take(7, 13);
    assertArrayEquals(new long[] {7, 13}, a.shape());
    BatchBuffers.giveBack(a);
    assertNotSame(a, BatchBuffers.take(7, 14), "another shape");
    assertSame(a, BatchBuffers.take(7, 13));
  }

  @Test
  void givenBackTwiceItIsHandedOutOnce() {
    INDArray a = BatchBuffers.take(5, 11);
    BatchBuffers.giveBack(a);
    BatchBuffers.giveBack(a);
    INDArray first = BatchBuffers.take(5, 11);
    INDArray second = BatchBuffers.take(5, 11);
    assertSame(a, first);
    assertNotSame(a, second);
  }

  @Test
  void aMatrixFreedElsewhereIsDropped() {
    INDArray a = BatchBuffers.take(3, 17);
    a.close();
    BatchBuffers.giveBack(a);
    INDArray b = BatchBuffers.take(3, 17);
    assertNotSame(a, b);
    assertTrue(!b.wasClosed());
  }

  @Test
  void whatIsKeptStaysWithinItsBound() {
    List<INDArray> taken = new ArrayList<>();
    long each = 1021L * 4099 * 4;
    int n = (int) (BatchBuffers.KEPT_BYTES / each) + 3;
    for (int i = 0; i < n; i++) {
      taken.add(BatchBuffers.take(1021, 4099));
    }
    taken.forEach(BatchBuffers::giveBack);
    assertTrue(BatchBuffers.freeBytes() <= BatchBuffers.KEPT_BYTES, BatchBuffers.freeBytes() + "");
    assertTrue(taken.stream().anyMatch(INDArray::wasClosed), "those beyond the bound are freed");
    for (int i = 0; i < n; i++) {
      BatchBuffers.take(1021, 4099).close(); // leave nothing of this size to other tests
    }
  }
}
