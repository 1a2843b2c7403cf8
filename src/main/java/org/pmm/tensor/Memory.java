package org.pmm.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Releasing ND4J buffers without waiting for the garbage collector. */
final class Memory {
  private Memory() {}

  /** Bytes an array's elements occupy (its length times the element width). */
  static long bytes(INDArray array) {
    return array.length() * array.dataType().width();
  }

  /** Frees an array's native buffer now, unless it is a view or otherwise not releasable. */
  static void release(INDArray array) {
    if (array != null && !array.wasClosed() && array.closeable()) {
      array.close();
    }
  }
}
