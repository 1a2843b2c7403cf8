package org.pmm.tensor.ops;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.Memory;
import org.pmm.tensor.ShapeException;
import org.pmm.tensor.Tensor;
import org.pmm.tensor.kernels.DenseFloats;
import org.pmm.tensor.kernels.KernelThreads;

/**
 * Maxout's maximum over each unit's pieces in one pass forward and one backward: h [rows,
 * units · pieces] gives y [rows, units] with {@code y[r, u] = max_k h[r, u·pieces + k]}. It
 * replaces a composition (a reshape to [rows, units, pieces], ND4J's max over the last axis,
 * and backward a comparison, a cast, a product and a reshape) that traverses the activations
 * several times. Rows are copied to the heap and
 * scanned by plain loops, shared among the kernel threads. For dense float matrices; anything
 * else takes the composition, which is also the tests' reference: values are the same bit for
 * bit, and every piece equal to its unit's maximum receives the unit's gradient, as in the
 * composition.
 *
 * <pre>{@code
 * Tensor y = Ops.maxout(h, 2);   // [512, 1024] → [512, 512]
 * }</pre>
 */
public final class MaxoutPieces {
  private MaxoutPieces() {}

  public static Tensor apply(Tensor h, long pieces) {
    if (h.rank() != 2 || pieces < 1 || h.size(1) % pieces != 0) {
      throw new ShapeException("maxout: " + Tensor.shapeString(h.shape())
          + " must be a matrix whose columns split into groups of " + pieces + " pieces");
    }
    long units = h.size(1) / pieces;
    if (!DenseFloats.applies(h.value()) || h.size(1) > Integer.MAX_VALUE) {
      return composed(h, pieces);
    }
    int rows = (int) h.size(0);
    int cols = (int) h.size(1);
    int p = (int) pieces;
    INDArray y = org.nd4j.linalg.factory.Nd4j.createUninitialized(h.dataType(), rows, units);
    FloatBuffer in = h.value().data().asNioFloat();
    FloatBuffer out = y.data().asNioFloat();
    KernelThreads.byRows(rows, cols, (r0, r1) -> {
      float[] row = new float[cols];
      float[] max = new float[cols / p];
      for (int r = r0; r < r1; r++) {
        in.get(r * cols, row, 0, cols);
        maxima(row, max, p);
        out.put(r * max.length, max, 0, max.length);
      }
    });
    return Tensor.result("maxout", y, g -> backward(g, h, y, p), h);
  }

  /** The same maximum as a composition of operations. */
  public static Tensor composed(Tensor h, long pieces) {
    return h.reshape(h.size(0), h.size(1) / pieces, pieces).max(2, false);
  }

  // Math.max, not a comparison and a select: on random pieces the select's branch is
  // mispredicted half the time, which makes the row loop many times slower.
  private static void maxima(float[] row, float[] max, int p) {
    if (p == 2) {
      for (int u = 0; u < max.length; u++) {
        max[u] = Math.max(row[2 * u], row[2 * u + 1]);
      }
      return;
    }
    for (int u = 0, k = 0; u < max.length; u++) {
      float m = row[k++];
      for (int j = 1; j < p; j++, k++) {
        m = Math.max(m, row[k]);
      }
      max[u] = m;
    }
  }

  /**
   * {@code (piece == max ? 1 : 0) · d}, the composition's arithmetic, without a branch: piece −
   * max is a zero (of either sign) exactly when they are equal, so whether its magnitude bits
   * are all 0 selects between d and d's sign alone (0 · d is a zero of d's sign).
   */
  private static float routed(float piece, float max, float d) {
    int magnitude = Float.floatToRawIntBits(piece - max) & 0x7fffffff;
    int notMax = -magnitude >> 31;   // all ones when the magnitude is not 0
    return Float.intBitsToFloat(Float.floatToRawIntBits(d) & ~(notMax & 0x7fffffff));
  }

  /** Each piece of {@code row} replaced by its share of its unit's gradient d. */
  private static void routeRow(float[] row, float[] m, float[] d, int p) {
    if (p == 2) {
      for (int u = 0; u < m.length; u++) {
        row[2 * u] = routed(row[2 * u], m[u], d[u]);
        row[2 * u + 1] = routed(row[2 * u + 1], m[u], d[u]);
      }
      return;
    }
    for (int u = 0, k = 0; u < m.length; u++) {
      for (int j = 0; j < p; j++, k++) {
        row[k] = routed(row[k], m[u], d[u]);
      }
    }
  }

  private static void backward(INDArray g, Tensor h, INDArray y, int p) {
    if (!h.requiresGrad()) {
      return;
    }
    if (!DenseFloats.applies(g)) {
      // a gradient that is a view or of another type: copy it into a dense float array
      INDArray dense = g.dup('c');
      backward(dense, h, y, p);
      Memory.release(dense);
      return;
    }
    int rows = (int) h.size(0);
    int cols = (int) h.size(1);
    int units = cols / p;
    INDArray dh = Memory.uninitializedLike(h.value());
    FloatBuffer in = h.value().data().asNioFloat();
    FloatBuffer max = y.data().asNioFloat();
    FloatBuffer up = g.data().asNioFloat();
    FloatBuffer out = dh.data().asNioFloat();
    KernelThreads.byRows(rows, cols, (r0, r1) -> {
      float[] row = new float[cols];
      float[] m = new float[units];
      float[] d = new float[units];
      for (int r = r0; r < r1; r++) {
        in.get(r * cols, row, 0, cols);
        max.get(r * units, m, 0, units);
        up.get(r * units, d, 0, units);
        routeRow(row, m, d, p);
        out.put(r * cols, row, 0, cols);
      }
    });
    h.accumulate(dh, true);
  }
}
