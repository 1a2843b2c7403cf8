package org.pmm.tensor.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.pmm.tensor.Memory;
import org.pmm.tensor.ShapeException;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;

/**
 * Reshape, slice, concatenation, row gathering and selection, and their gradients.
 *
 * <pre>{@code
 * Tensor h = ShapeOps.concat(1, a, b);   // Ops.concat(1, a, b): [n, ka + kb]
 * }</pre>
 */
public final class ShapeOps {
  private ShapeOps() {}

  public static Tensor reshape(Tensor x, long... shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    if (n != x.length()) {
      throw new ShapeException("reshape: cannot reshape " + Tensor.shapeString(x.shape())
          + " (" + x.length() + " elements) to " + Arrays.toString(shape));
    }
    INDArray y = x.value().reshape(shape).dup();
    long[] original = x.shape();
    return Tensor.result("reshape", y, g -> x.accumulate(g.reshape(original), false), x);
  }

  public static Tensor slice(Tensor x, int axis, long from, long to) {
    int a = ReductionOps.normalise("slice", x, new int[] {axis})[0];
    if (from < 0 || to > x.size(a) || from >= to) {
      throw new ShapeException("slice: range [" + from + ", " + to + ") out of bounds for axis "
          + a + " of shape " + Tensor.shapeString(x.shape()));
    }
    INDArrayIndex[] index = indexOnAxis(x.rank(), a, from, to);
    INDArray y = x.value().get(index).dup();
    return Tensor.result("slice", y, g -> {
      INDArray full = Nd4j.zeros(g.dataType(), x.shape());
      full.get(index).assign(g);
      x.accumulate(full, true);
    }, x);
  }

  public static Tensor concat(int axis, Tensor... parts) {
    if (parts.length == 0) {
      throw new ShapeException("concat: nothing to concatenate");
    }
    int a = ReductionOps.normalise("concat", parts[0], new int[] {axis})[0];
    INDArray[] values = new INDArray[parts.length];
    for (int i = 0; i < parts.length; i++) {
      checkConcatShapes(parts[0], parts[i], a);
      values[i] = parts[i].value();
    }
    INDArray y = Nd4j.concat(a, values);
    return Tensor.result("concat", y, g -> {
      long offset = 0;
      for (Tensor p : parts) {
        long width = p.size(a);
        boolean columns = a == 1 && p.accumulateColumns(g, offset);
        if (p.requiresGrad() && !columns) {
          // a view: added to a gradient already there without a copy, copied otherwise
          p.accumulate(g.get(indexOnAxis(g.rank(), a, offset, offset + width)), false);
        }
        offset += width;
      }
    }, parts);
  }

  private static void checkConcatShapes(Tensor first, Tensor other, int axis) {
    long[] s0 = first.shape();
    long[] s1 = other.shape();
    boolean ok = s0.length == s1.length;
    for (int d = 0; ok && d < s0.length; d++) {
      ok = d == axis || s0[d] == s1[d];
    }
    if (!ok) {
      throw new ShapeException("concat: shapes " + Tensor.shapeString(s0) + " and "
          + Tensor.shapeString(s1) + " differ outside axis " + axis);
    }
  }

  /**
   * Rows {@code rows} (entries of the first dimension, repetition allowed) of a tensor of any
   * rank ≥ 1; gradients are scattered back. ND4J's {@code getRows} takes matrices only, so other
   * ranks go through a [n, rest] view.
   */
  public static Tensor gatherRows(Tensor x, long[] rows) {
    if (x.rank() == 0) {
      throw new ShapeException("gatherRows: a scalar has no rows");
    }
    long n = x.size(0);
    for (long r : rows) {
      if (r < 0 || r >= n) {
        throw new ShapeException("gatherRows: row " + r + " out of range for shape "
            + Tensor.shapeString(x.shape()));
      }
    }
    int[] idx = Arrays.stream(rows).mapToInt(Math::toIntExact).toArray();
    long rest = n == 0 ? 0 : x.length() / n;
    boolean matrix = x.rank() == 2;
    INDArray source = matrix ? x.value() : x.value().reshape('c', n, rest);
    INDArray y = source.getRows(idx);
    if (!matrix) {
      long[] shape = x.shape();
      shape[0] = idx.length;
      y = y.reshape('c', shape);
    }
    return Tensor.result("gatherRows", y, g -> {
      INDArray full = Nd4j.zeros(g.dataType(), n, rest);
      INDArray g2 = matrix ? g : g.reshape('c', idx.length, rest);
      for (int k = 0; k < idx.length; k++) {
        full.getRow(idx[k]).addi(g2.getRow(k));
      }
      x.accumulate(matrix ? full : full.reshape('c', x.shape()), true);
    }, x);
  }

  /** Element-wise {@code mask ? a : b} for a constant 0/1 mask (broadcastable). */
  public static Tensor where(INDArray mask, Tensor a, Tensor b) {
    ArithmeticOps.check("where", a, b);
    // m and notM are kept for the backward pass; a cast of the mask belongs to the step
    INDArray m = mask.dataType() == a.dataType() ? mask
        : StepScope.adopt(mask.castTo(a.dataType()));
    INDArray notM = StepScope.adopt(m.rsub(1.0));
    INDArray otherPart = b.value().mul(notM);
    INDArray y = a.value().mul(m).addi(otherPart);
    Memory.release(otherPart);
    return Tensor.result("where", y, g -> {
      if (a.requiresGrad()) {
        a.accumulate(g.mul(m), true);
      }
      if (b.requiresGrad()) {
        b.accumulate(g.mul(notM), true);
      }
    }, a, b);
  }

  static INDArrayIndex[] indexOnAxis(int rank, int axis, long from, long to) {
    INDArrayIndex[] index = new INDArrayIndex[rank];
    for (int d = 0; d < rank; d++) {
      index[d] = d == axis ? NDArrayIndex.interval(from, to) : NDArrayIndex.all();
    }
    return index;
  }
}
