package org.pmm.tensor.ops;

import java.nio.ByteBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.Memory;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;
import org.pmm.tensor.kernels.DenseFloats;
import org.pmm.tensor.kernels.ElementWiseMath;
import org.pmm.tensor.kernels.KernelThreads;
import org.pmm.tensor.kernels.KernelThreads.Work;

/**
 * Inverted dropout in training mode: {@code y = x · mask}, mask = 1/(1 − p) where a uniform draw
 * is below 1 − p, else 0. The mask comes from one pass over the draws (in place) that also
 * writes y, where the composition (comparison, cast, scaling, product) made four passes and
 * three arrays more; the same draws, values and gradients bit for bit. Dense floats only; the
 * composition serves everything else and is the tests' reference.
 *
 * <pre>{@code
 * Tensor h = Dropout.apply(x, 0.5, rng);   // Ops.dropout in training mode
 * }</pre>
 */
public final class Dropout {
  private Dropout() {}

  public static Tensor apply(Tensor x, double p, RandomStream rng) {
    return withDraws(x, p, rng.uniform(x.dataType(), 0.0, 1.0, x.shape()));
  }

  /** Dropout of x with the uniform draws u, which become the mask (or are freed). */
  public static Tensor withDraws(Tensor x, double p, INDArray u) {
    if (!DenseFloats.applies(u, x.value()) || u.length() > Integer.MAX_VALUE) {
      return composed(x, p, u);
    }
    INDArray mask = u;
    INDArray y = Memory.uninitializedLike(x.value());
    float keep = (float) (1 - p);   // as ND4J compares a float array with the scalar
    float scale = (float) (1.0 / (1 - p));
    ByteBuffer ub = DenseFloats.bytes(mask);
    ByteBuffer xb = DenseFloats.bytes(x.value());
    ByteBuffer yb = DenseFloats.bytes(y);
    ElementWiseMath math = ElementWiseMath.get();
    KernelThreads.byRanges(Work.STREAMING, y.length(),
        (lo, hi) -> math.dropout(ub, keep, scale, xb, yb, lo, hi));
    Tensor.stepConstant(mask);
    return Tensor.result("dropout", y, g -> x.accumulateProduct(g, mask), x);
  }

  /** The same dropout composed of ND4J operations on the draws {@code u} (which it frees). */
  public static Tensor composed(Tensor x, double p, INDArray u) {
    INDArray mask = Memory.castFreeing(u.lt(1 - p), x.dataType()).muli(1.0 / (1 - p));
    Memory.release(u);
    return x.mul(Tensor.stepConstant(mask));
  }
}
