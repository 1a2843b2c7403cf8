package org.pmm.tensor.ops;

import java.nio.ByteBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pmm.tensor.Memory;
import org.pmm.tensor.ShapeException;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;
import org.pmm.tensor.kernels.DenseFloats;
import org.pmm.tensor.kernels.ElementWiseMath;
import org.pmm.tensor.kernels.KernelThreads;
import org.pmm.tensor.kernels.KernelThreads.Work;

/**
 * Losses fused into one operation for numerical stability and speed.
 *
 * <pre>{@code
 * Tensor loss = LossOps.bceWithLogits(logits, labels).mean();   // Ops.bceWithLogits
 * }</pre>
 */
public final class LossOps {
  private LossOps() {}

  /**
   * Element-wise binary cross-entropy of {@code logits} against 0/1 {@code targets}:
   * softplus(x) - x·y, which never evaluates exp of a large positive number.
   * Gradient: sigmoid(x) - y.
   */
  public static Tensor bceWithLogits(Tensor logits, INDArray targets) {
    if (!java.util.Arrays.equals(logits.shape(), targets.shape())) {
      throw new ShapeException("bceWithLogits: logits " + Tensor.shapeString(logits.shape())
          + " and targets " + Tensor.shapeString(targets.shape()) + " differ");
    }
    INDArray x = logits.value();
    INDArray y = targets.dataType() == x.dataType() ? targets
        : StepScope.adopt(targets.castTo(x.dataType())); // the backward pass needs it
    if (DenseFloats.applies(x, y) && x.length() <= Integer.MAX_VALUE) {
      return bceInJava(logits, x, y);
    }
    INDArray loss = UnaryOps.stableSoftplus(x);
    INDArray xy = x.mul(y);
    loss.subi(xy);
    Memory.release(xy);
    return Tensor.result("bceWithLogits", loss,
        g -> logits.accumulate(composedGradient(x, y, g), true), logits);
  }

  /** (sigmoid(x) − y)·g with ND4J's operations, a new array. */
  private static INDArray composedGradient(INDArray x, INDArray y, INDArray g) {
    return Transforms.sigmoid(x, true).subi(y).muli(g);
  }

  /**
   * The same loss on dense floats in passes over the arrays' memory: softplus, then minus x·y
   * (the bits of the composition above); backward sigmoid(x)·g, then minus y·g. ND4J takes five
   * operations for these, each with a fixed overhead (and the wake-up of its threads) that
   * dominates on logits of a few thousand elements.
   */
  private static Tensor bceInJava(Tensor logits, INDArray x, INDArray y) {
    INDArray loss = UnaryOps.stableSoftplus(x);
    ByteBuffer xs = DenseFloats.bytes(x);
    ByteBuffer ys = DenseFloats.bytes(y);
    ByteBuffer ls = DenseFloats.bytes(loss);
    KernelThreads.byRanges(Work.STREAMING, x.length(), (lo, hi) -> {
      for (int i = lo; i < hi; i++) {
        ls.putFloat(4 * i, ls.getFloat(4 * i) - xs.getFloat(4 * i) * ys.getFloat(4 * i));
      }
    });
    return Tensor.result("bceWithLogits", loss, g -> {
      if (!DenseFloats.applies(g, x)) {
        logits.accumulate(composedGradient(x, y, g), true);
        return;
      }
      INDArray d = Nd4j.createUninitialized(x.dataType(), x.shape());
      ByteBuffer gs = DenseFloats.bytes(g);
      ByteBuffer ds = DenseFloats.bytes(d);
      ElementWiseMath math = ElementWiseMath.get();
      KernelThreads.byRanges(Work.COMPUTE, x.length(), (lo, hi) -> {
        math.sigmoidTimes(xs, gs, ds, lo, hi);
        for (int i = lo; i < hi; i++) {
          ds.putFloat(4 * i, ds.getFloat(4 * i) - ys.getFloat(4 * i) * gs.getFloat(4 * i));
        }
      });
      logits.accumulate(d, true);
    }, logits);
  }
}
