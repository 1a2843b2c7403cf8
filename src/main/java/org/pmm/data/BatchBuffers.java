package org.pmm.data;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.Memory;
import org.pmm.tensor.StepArena;

/**
 * The native matrices batches are gathered into, lent to a batch and taken back when it is
 * released, so that an epoch after the first allocates none. Allocated and freed every step
 * instead (9 MB per 512-row batch, 36 MB per evaluation batch), they were mapped and unmapped
 * each time: 19.4 million page faults in a default experiment on 2 cores (4.6 to 4.9 million
 * with reuse) and 40 to 50 s more system time, taken from training by the gathering thread and
 * by the unmapping.
 *
 * <p>At most {@link #KEPT_BYTES} of free matrices are kept; a matrix given back beyond that is
 * freed, and one already freed (by other code that held it) is dropped. Nothing records what is
 * lent: a batch that is never released is left to the garbage collector, as before.
 *
 * <pre>{@code
 * INDArray image = BatchBuffers.take(512, 4096);   // reused, contents undefined
 * ...
 * BatchBuffers.giveBack(image);                   // the batch is done with it
 * }</pre>
 */
final class BatchBuffers {
  /** Free matrices kept for reuse, in bytes: the training batches and a few evaluation ones. */
  static final long KEPT_BYTES = 192L << 20;

  private static final Map<Long, ArrayDeque<INDArray>> FREE = new HashMap<>();
  private static long freeBytes;
  private static long allocations;

  private BatchBuffers() {}

  /** A float matrix of {@code rows} × {@code width} for a batch, contents undefined. */
  static synchronized INDArray take(int rows, int width) {
    ArrayDeque<INDArray> free = FREE.get(key(rows, width));
    INDArray a = free == null ? null : free.poll();
    if (a != null) {
      freeBytes -= Memory.bytes(a);
    } else {
      // outlives whatever step is open on this thread
      a = StepArena.outside(() -> Nd4j.createUninitialized(DataType.FLOAT, rows, width));
      allocations++;
    }
    return a;
  }

  /**
   * Takes back a matrix from {@link #take} that its batch is done with: kept for reuse, or freed
   * beyond {@link #KEPT_BYTES}. Null, an already freed matrix and one already given back are
   * ignored.
   */
  static synchronized void giveBack(INDArray a) {
    if (a == null || a.wasClosed() || isFree(a)) {
      return;
    }
    long bytes = Memory.bytes(a);
    if (freeBytes + bytes > KEPT_BYTES) {
      Memory.release(a);
      return;
    }
    FREE.computeIfAbsent(key((int) a.rows(), (int) a.columns()), k -> new ArrayDeque<>()).push(a);
    freeBytes += bytes;
  }

  /** Matrices allocated so far, not taken from the free ones (for tests). */
  static synchronized long allocations() {
    return allocations;
  }

  /** Bytes of the free matrices kept (for tests and memory reports). */
  static synchronized long freeBytes() {
    return freeBytes;
  }

  private static boolean isFree(INDArray a) {
    if (a.rank() != 2) {
      return false;
    }
    ArrayDeque<INDArray> free = FREE.get(key((int) a.rows(), (int) a.columns()));
    if (free != null) {
      for (INDArray f : free) {
        if (f == a) {
          return true;
        }
      }
    }
    return false;
  }

  private static long key(int rows, int width) {
    return ((long) rows << 32) | width;
  }
}
