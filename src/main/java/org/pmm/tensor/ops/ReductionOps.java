package org.pmm.tensor.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pmm.tensor.Broadcasting;
import org.pmm.tensor.Memory;
import org.pmm.tensor.ShapeException;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;
import org.pmm.tensor.kernels.ColumnSums;
import org.pmm.tensor.kernels.DenseFloats;
import org.pmm.tensor.kernels.SumMath;

/**
 * Sums, means and maxima over axes, and their gradients.
 *
 * <pre>{@code
 * Tensor s = ReductionOps.sum(x, false, 0);   // x.sum(false, 0): column sums
 * }</pre>
 */
public final class ReductionOps {
  private ReductionOps() {}

  public static Tensor sumAll(Tensor x) {
    INDArray y = Nd4j.scalar(x.dataType(), x.value().sumNumber().doubleValue());
    long[] shape = x.shape();
    return Tensor.result("sum", y,
        g -> x.accumulate(Nd4j.valueArrayOf(shape, g.getDouble(0), x.dataType()), true), x);
  }

  /**
   * Σ x², one pass without a temporary (penalties on every weight of a layer): for dense floats
   * in double precision ({@link SumMath}), else ND4J's squared norm; gradient 2·x·g.
   */
  public static Tensor sumOfSquares(Tensor x) {
    double total = DenseFloats.applies(x.value()) ? SumMath.sumOfSquares(x.value())
        : Nd4j.getExecutioner().exec(new SquaredNorm(x.value())).getDouble(0);
    INDArray y = Nd4j.scalar(x.dataType(), total);
    return Tensor.result("sumOfSquares", y,
        g -> x.accumulateScaled(x.value(), 2 * g.getDouble(0)), x);
  }

  /** Σ |x|, one native pass without a temporary; gradient sign(x)·g (0 at 0). */
  public static Tensor sumOfAbs(Tensor x) {
    INDArray y = Nd4j.scalar(x.dataType(), x.value().norm1Number().doubleValue());
    return Tensor.result("sumOfAbs", y,
        g -> x.accumulate(Transforms.sign(x.value(), true).muli(g.getDouble(0)), true), x);
  }

  public static Tensor meanAll(Tensor x) {
    return ArithmeticOps.mul(sumAll(x), 1.0 / Math.max(1, x.length()));
  }

  public static Tensor sum(Tensor x, boolean keepDims, int... axes) {
    int[] ax = normalise("sum", x, axes);
    INDArray y = ax.length == 1 && ax[0] == 0 && x.rank() == 2 && ColumnSums.applies(x.value())
        ? ColumnSums.of(x.value(), 1.0, keepDims)
        : x.value().sum(keepDims, ax);
    long[] kept = keptShape(x.shape(), ax);
    return Tensor.result("sum", y,
        g -> x.accumulate(Broadcasting.expand(g.reshape(kept), x.shape()), true), x);
  }

  public static Tensor mean(Tensor x, boolean keepDims, int... axes) {
    int[] ax = normalise("mean", x, axes);
    long count = 1;
    for (int a : ax) {
      count *= x.size(a);
    }
    return ArithmeticOps.mul(sum(x, keepDims, ax), 1.0 / count);
  }

  /** Maximum over one axis; the gradient goes to the position of the maximum. */
  public static Tensor max(Tensor x, int axis, boolean keepDims) {
    int[] ax = normalise("max", x, new int[] {axis});
    INDArray kept = x.value().max(true, ax);
    INDArray y = keepDims ? kept : kept.reshape(reducedShape(x.shape(), ax)).dup();
    if (y != kept) {
      StepScope.adopt(kept); // the backward pass compares against it
    }
    long[] keptShape = keptShape(x.shape(), ax);
    return Tensor.result("max", y, g -> {
      INDArray isMax = Memory.castFreeing(x.value().eq(kept), g.dataType());
      x.accumulate(isMax.muli(g.reshape(keptShape)), true);
    }, x);
  }

  static int[] normalise(String op, Tensor x, int[] axes) {
    int rank = x.rank();
    int[] out = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      int a = axes[i] < 0 ? axes[i] + rank : axes[i];
      if (a < 0 || a >= rank) {
        throw new ShapeException(op + ": axis " + axes[i] + " out of range for shape "
            + Tensor.shapeString(x.shape()));
      }
      out[i] = a;
    }
    return out;
  }

  static long[] keptShape(long[] shape, int[] axes) {
    long[] kept = shape.clone();
    for (int a : axes) {
      kept[a] = 1;
    }
    return kept;
  }

  static long[] reducedShape(long[] shape, int[] axes) {
    return Arrays.stream(range(shape.length))
        .filter(i -> Arrays.stream(axes).noneMatch(a -> a == i))
        .mapToLong(i -> shape[i]).toArray();
  }

  private static int[] range(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }
}
