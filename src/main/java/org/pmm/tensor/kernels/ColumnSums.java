package org.pmm.tensor.kernels;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sums over the rows of a matrix (axis 0): for dense floats in Java, else as one GEMV,
 * {@code 1ᵀ·X}. ND4J 1.0.0-M2.1 reduces along axis 0 of a row-major matrix several times slower
 * than BLAS multiplies it by a vector of ones (on wide batches such as image features it
 * dominates a step's profile, {@code -Dpmm.profile=true}), and every bias gradient
 * and batch normalisation needs such sums.
 *
 * <pre>{@code
 * INDArray means = ColumnSums.of(x, 1.0 / x.size(0));   // [1, columns]
 * ColumnSums.into(g, biasGrad, true);                  // biasGrad += Σ_rows g, in place
 * }</pre>
 */
public final class ColumnSums {
  private static final Map<String, INDArray> ONES = new ConcurrentHashMap<>();

  private ColumnSums() {}

  /** Whether {@link #of} applies: a dense row-major matrix of floats or doubles. */
  public static boolean applies(INDArray x) {
    return x.rank() == 2 && x.ordering() == 'c' && !x.isView()
        && (x.dataType() == DataType.FLOAT || x.dataType() == DataType.DOUBLE)
        && x.size(0) > 0 && x.size(1) > 0;
  }

  /** {@code scale · Σ_rows x}, shape [1, columns], a new array. */
  public static INDArray of(INDArray x, double scale) {
    return of(x, scale, true);
  }

  /** {@code scale · Σ_rows x}, shape [1, columns] or [columns], a new array. */
  public static INDArray of(INDArray x, double scale, boolean keepDims) {
    long columns = x.size(1);
    INDArray out = keepDims ? Nd4j.createUninitialized(x.dataType(), 1, columns)
        : Nd4j.createUninitialized(x.dataType(), columns);
    if (DenseFloats.applies(x) && x.length() <= Integer.MAX_VALUE) {
      inJava(x, (float) scale, out, false);
    } else {
      Nd4j.gemm(ones(x.dataType(), x.size(0)), x, keepDims ? out : out.reshape(1, columns),
          false, false, scale, 0.0);
    }
    return out;
  }

  /**
   * {@code Σ_rows x} written into {@code out} (x's columns long), or added to it with
   * {@code add}: a gradient's sums straight into its buffer, without a new array and an ND4J
   * copy into the buffer (each ND4J operation has a fixed overhead that dominates on bias-sized
   * vectors). Dense floats are summed in Java; anything else takes {@link #sumRows} and an ND4J
   * assignment or addition. Either way the bits of {@link #sumRows} followed by an assignment
   * or an addition.
   */
  public static void into(INDArray x, INDArray out, boolean add) {
    if (x.rank() != 2 || out.length() != x.size(1)) {
      throw new IllegalArgumentException("ColumnSums.into: " + Arrays.toString(x.shape())
          + " into " + Arrays.toString(out.shape()));
    }
    if (applies(x) && DenseFloats.applies(x) && x.length() <= Integer.MAX_VALUE
        && DenseFloats.applies(out)) {
      inJava(x, 1f, out, add);
      return;
    }
    INDArray sums = sumRows(x);
    INDArray shaped = sums.reshape(out.shape());
    if (add) {
      out.addi(shaped);
    } else {
      out.assign(shaped);
    }
    if (!sums.wasClosed() && sums.closeable()) {
      sums.close();
    }
  }

  /**
   * Float sums in the matrix's memory with the Vector API, each core a range of columns and the
   * rows added in order, faster than ND4J's GEMV on the batch sizes of training. The bits
   * differ from the GEMV's, whose order of
   * additions is OpenBLAS's.
   */
  private static void inJava(INDArray x, float scale, INDArray out, boolean add) {
    int rows = (int) x.size(0);
    int cols = (int) x.size(1);
    ByteBuffer in = DenseFloats.bytes(x);
    FloatBuffer sums = out.data().asNioFloat();
    Accumulation math = Accumulation.get();
    KernelThreads.byColumns(rows, cols, (c0, n) -> {
      float[] acc = new float[n];
      math.addRowsInto(in, cols, rows, c0, acc);
      if (scale != 1f) {
        for (int j = 0; j < n; j++) {
          acc[j] *= scale;
        }
      }
      if (add) {
        for (int j = 0; j < n; j++) {
          acc[j] = sums.get(c0 + j) + acc[j];
        }
      }
      sums.put(c0, acc, 0, n);
    });
  }

  /** Sums over axis 0 keeping it ([1, columns]), by GEMV where it applies. */
  public static INDArray sumRows(INDArray x) {
    return applies(x) ? of(x, 1.0) : x.sum(true, 0);
  }

  /** Cached for the life of the process, so made outside any workspace (a step's arena). */
  private static INDArray ones(DataType type, long n) {
    return ONES.computeIfAbsent(type + ":" + n, k -> {
      try (MemoryWorkspace none = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
        return Nd4j.ones(type, 1, n);
      }
    });
  }
}
