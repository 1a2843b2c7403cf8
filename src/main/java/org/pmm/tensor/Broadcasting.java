package org.pmm.tensor;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.kernels.ColumnSums;

/**
 * NumPy broadcasting rules: the result shape of two operands, an operand expanded to it, and
 * the reverse, a gradient summed back to an operand's shape.
 *
 * <pre>{@code
 * Broadcasting.shape("add", new long[] {4, 1}, new long[] {3});   // [4, 3]
 * INDArray db = Broadcasting.reduceTo(g, new long[] {3});         // g [4, 3] summed over rows
 * }</pre>
 */
public final class Broadcasting {
  private Broadcasting() {}

  /** The broadcast shape of {@code a} and {@code b}, or an error naming the operation. */
  public static long[] shape(String op, long[] a, long[] b) {
    if (Arrays.equals(a, b)) {
      return a;
    }
    int rank = Math.max(a.length, b.length);
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      long da = dimFromRight(a, rank - 1 - i);
      long db = dimFromRight(b, rank - 1 - i);
      if (da != db && da != 1 && db != 1) {
        throw new ShapeException(op + ": shapes " + Arrays.toString(a) + " and "
            + Arrays.toString(b) + " cannot be broadcast together");
      }
      out[i] = Math.max(da, db);
    }
    return out;
  }

  private static long dimFromRight(long[] shape, int fromRight) {
    int i = shape.length - 1 - fromRight;
    return i >= 0 ? shape[i] : 1;
  }

  /**
   * Sums {@code g} over the dimensions along which an operand of shape {@code shape} was
   * broadcast. Returns {@code g} itself when nothing was broadcast, else a new array.
   */
  public static INDArray reduceTo(INDArray g, long[] shape) {
    long[] gs = g.shape();
    if (Arrays.equals(gs, shape)) {
      return g;
    }
    int extra = gs.length - shape.length;
    int[] axes = new int[gs.length];
    int n = 0;
    for (int i = 0; i < gs.length; i++) {
      boolean leading = i < extra;
      if (leading || (shape[i - extra] == 1 && gs[i] != 1)) {
        axes[n++] = i;
      }
    }
    INDArray summed = n == 0 ? g.dup()
        : n == 1 && axes[0] == 0 && gs.length == 2 ? ColumnSums.sumRows(g)
        : g.sum(true, Arrays.copyOf(axes, n));
    if (Arrays.equals(summed.shape(), shape)) {
      return summed;
    }
    INDArray copy = summed.reshape(shape).dup();
    Memory.release(summed);
    return copy;
  }

  /** {@code g} expanded to {@code shape} (a new array); {@code g}'s rank may be lower. */
  public static INDArray expand(INDArray g, long[] shape) {
    if (Arrays.equals(g.shape(), shape)) {
      return g.dup();
    }
    if (g.length() == 1) {
      // a native fill; INDArray.broadcast is several times slower
      return Nd4j.valueArrayOf(shape, g.getDouble(0), g.dataType());
    }
    long[] aligned = new long[shape.length];
    Arrays.fill(aligned, 1);
    long[] gs = g.shape();
    System.arraycopy(gs, 0, aligned, shape.length - gs.length, gs.length);
    return Nd4j.zeros(g.dataType(), shape).addi(g.reshape(aligned));
  }
}
