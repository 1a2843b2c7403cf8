package org.pmm.tensor;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sums over the rows of a matrix (axis 0): for dense floats in Java, else as one GEMV,
 * {@code 1ᵀ·X}. ND4J 1.0.0-M2.1 reduces along axis 0 of a row-major matrix several times slower
 * than BLAS multiplies it by a vector of ones (on a 512 × 4096 batch of image features it was
 * the largest item of a step's profile, {@code -Dpmm.profile=true}), and every bias gradient
 * and batch normalisation needs such sums.
 */
final class ColumnSums {
  private static final Map<String, INDArray> ONES = new ConcurrentHashMap<>();

  private ColumnSums() {}

  /** Whether {@link #of} applies: a dense row-major matrix of floats or doubles. */
  static boolean applies(INDArray x) {
    return x.rank() == 2 && x.ordering() == 'c' && !x.isView()
        && (x.dataType() == DataType.FLOAT || x.dataType() == DataType.DOUBLE)
        && x.size(0) > 0 && x.size(1) > 0;
  }

  /** {@code scale · Σ_rows x}, shape [1, columns], a new array. */
  static INDArray of(INDArray x, double scale) {
    return of(x, scale, true);
  }

  /** {@code scale · Σ_rows x}, shape [1, columns] or [columns], a new array. */
  static INDArray of(INDArray x, double scale, boolean keepDims) {
    long columns = x.size(1);
    INDArray out = keepDims ? Nd4j.createUninitialized(x.dataType(), 1, columns)
        : Nd4j.createUninitialized(x.dataType(), columns);
    if (FloatKernels.applies(x) && x.length() <= Integer.MAX_VALUE) {
      inJava(x, (float) scale, out, false);
    } else {
      Nd4j.gemm(ones(x.dataType(), x.size(0)), x, keepDims ? out : out.reshape(1, columns),
          false, false, scale, 0.0);
    }
    return out;
  }

  /** Whether {@link #into} takes {@code x}: a dense float matrix. */
  static boolean intoTakes(INDArray x) {
    return applies(x) && FloatKernels.applies(x) && x.length() <= Integer.MAX_VALUE;
  }

  /** Whether {@link #into} takes {@code x} and {@code out}: dense floats, out x's columns long. */
  static boolean intoApplies(INDArray x, INDArray out) {
    return intoTakes(x) && FloatKernels.applies(out) && out.length() == x.size(1);
  }

  /**
   * {@code Σ_rows x} written into {@code out}, or added to it with {@code add}: a gradient's
   * sums straight into its buffer, where summing into a new array and copying it there took
   * two ND4J copies per bias per step (12 per GMU step, 0.1-0.8 ms each with their overhead,
   * ninth session). The bits of {@link #of} followed by an assignment or an addition.
   */
  static void into(INDArray x, INDArray out, boolean add) {
    if (!intoApplies(x, out)) {
      throw new IllegalArgumentException("ColumnSums.into: " + Tensor.shapeString(x.shape())
          + " into " + Tensor.shapeString(out.shape()));
    }
    inJava(x, 1f, out, add);
  }

  /**
   * Float sums in the matrix's memory with the Vector API, each core a range of columns and the
   * rows added in order: 0.15 against 0.38 ms for ND4J's GEMV at [512, 1024] in a probe
   * (docs/performance.md, seventh session). The bits differ from the GEMV's, whose order of
   * additions is OpenBLAS's.
   */
  private static void inJava(INDArray x, float scale, INDArray out, boolean add) {
    int rows = (int) x.size(0);
    int cols = (int) x.size(1);
    ByteBuffer in = FloatKernels.bytes(x);
    FloatBuffer sums = out.data().asNioFloat();
    ArrayMath math = ArrayMath.get();
    FloatKernels.byColumns(rows, cols, (c0, n) -> {
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
  static INDArray sumRows(INDArray x) {
    return applies(x) ? of(x, 1.0) : x.sum(true, 0);
  }

  private static INDArray ones(DataType type, long n) {
    return ONES.computeIfAbsent(type + ":" + n, k -> Nd4j.ones(type, 1, n));
  }
}
