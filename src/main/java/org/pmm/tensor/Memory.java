package org.pmm.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Releasing ND4J buffers without waiting for the garbage collector, which runs rarely when a
 * step makes little Java garbage: buffers left to it pile up.
 *
 * <pre>{@code
 * Memory.release(batchMatrix);          // closed now, unless a view or not closeable
 * INDArray m = Memory.castFreeing(x.gt(0), DataType.FLOAT);   // the boolean mask freed
 * long b = Memory.bytes(weights);       // length times element width
 * }</pre>
 */
public final class Memory {
  private Memory() {}

  /** A new row-major array of {@code like}'s type and shape, contents undefined. */
  public static INDArray uninitializedLike(INDArray like) {
    return Nd4j.createUninitialized(like.dataType(), like.shape());
  }

  /**
   * {@code temporary} converted to {@code type}, freeing {@code temporary} if that made a copy:
   * for a comparison's boolean mask used as 0/1 numbers, which would otherwise wait for the
   * garbage collector.
   */
  public static INDArray castFreeing(INDArray temporary, DataType type) {
    if (temporary.dataType() == type) {
      return temporary;
    }
    INDArray cast = temporary.castTo(type);
    release(temporary);
    return cast;
  }

  /** Bytes an array's elements occupy (its length times the element width). */
  public static long bytes(INDArray array) {
    return array.length() * array.dataType().width();
  }

  /**
   * Frees the native buffers of everything no longer reachable, after a piece of work whose
   * arrays lived long (a whole training cycle: its parameters, optimiser state and weight
   * copies). Those arrays' Java objects have moved to the old generation, which the collector
   * empties only when the heap fills, and a step makes little Java garbage: left to it, each
   * finished cycle's buffers stayed resident, about 85 MB per 256-wide PM+MO cycle (`pmm train
   * models/pmmo.pmm` at 256 units, 8 cycles: 1.03 GB after the first, 1.72 GB after the last).
   * One full collection per cycle takes a fraction of a second.
   */
  public static void releaseUnreachable() {
    System.gc();
  }

  /** Frees an array's native buffer now, unless it is a view or otherwise not releasable. */
  public static void release(INDArray array) {
    if (array != null && !array.wasClosed() && array.closeable()) {
      array.close();
    }
  }
}
