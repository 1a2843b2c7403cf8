package org.pmm.tensor.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The arrays pmm's Java kernels take: dense, row-major float arrays in host memory
 * ({@link #applies}), whose memory they read and write in place through a byte buffer
 * ({@link #bytes}, float i at byte 4·i). Every kernel's caller keeps an ND4J path for the rest
 * (views, doubles, a GPU's memory).
 *
 * <pre>{@code
 * if (DenseFloats.applies(x, y)) {
 *   ByteBuffer xs = DenseFloats.bytes(x);
 *   ByteBuffer ys = DenseFloats.bytes(y);
 *   KernelThreads.byRanges(Work.STREAMING, x.length(), (lo, hi) -> {
 *     for (int i = lo; i < hi; i++) {
 *       ys.putFloat(4 * i, ys.getFloat(4 * i) + 2 * xs.getFloat(4 * i));   // y ← y + 2·x
 *     }
 *   });
 * }
 * }</pre>
 */
public final class DenseFloats {
  /** {@link Backend#hostMemory}, asked once. */
  private static final boolean HOST_MEMORY = Backend.hostMemory();

  private DenseFloats() {}

  /**
   * Whether every array is a dense, row-major, float array of the same length in host memory
   * (never with the CUDA backend).
   */
  public static boolean applies(INDArray... arrays) {
    if (!HOST_MEMORY) {
      return false;
    }
    long length = arrays[0].length();
    for (INDArray a : arrays) {
      if (a == null || a.dataType() != DataType.FLOAT || a.length() != length || a.isView()
          || a.ordering() != 'c' || a.offset() != 0 || a.data().length() < length
          || a.wasClosed()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The array's memory as a byte buffer in the machine's order, for absolute reads and writes
   * at {@code 4 · index} (only for arrays that {@link #applies}).
   */
  public static ByteBuffer bytes(INDArray a) {
    return a.data().asNio().order(ByteOrder.nativeOrder());
  }
}
