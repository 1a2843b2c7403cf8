package org.pmm.tensor.kernels;

import java.nio.ByteBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.kernels.KernelThreads.Work;

/**
 * Optimiser updates as one pass over each parameter's memory, in place: the Adam family reads
 * the value, its gradient and two moments and writes three of them, which makes it bound by
 * memory bandwidth. With the Vector API ({@link AdamMath}) the pass loads and stores the native
 * buffers directly, without copying them through heap arrays. For dense float arrays only
 * ({@link #applies}); the optimisers keep an ND4J path for the rest.
 *
 * <pre>{@code
 * if (UpdateKernels.applies(value, grad, m, v)) {
 *   UpdateKernels.adam(value, grad, m, v, 0.9f, 0.999f, stepSize, epsHat, clip, 1f);
 * }
 * }</pre>
 */
public final class UpdateKernels {
  private UpdateKernels() {}

  /** Whether the arrays are dense, row-major float arrays of one length. */
  public static boolean applies(INDArray... arrays) {
    return DenseFloats.applies(arrays);
  }

  /**
   * Adam's update in place, element by element: the gradient clipped to [−clip, clip],
   * {@code m ← β₁m + (1−β₁)g}, {@code v ← β₂v + (1−β₂)g²},
   * {@code value ← value·decay − stepSize·m / (√v + epsHat)}. {@code grad} is not changed.
   */
  public static void adam(INDArray value, INDArray grad, INDArray m, INDArray v, float beta1,
      float beta2, float stepSize, float epsHat, float clip, float decay) {
    AdamMath.Step step = new AdamMath.Step(beta1, beta2, stepSize, epsHat, clip, decay);
    ByteBuffer p = DenseFloats.bytes(value);
    ByteBuffer g = DenseFloats.bytes(grad);
    ByteBuffer mb = DenseFloats.bytes(m);
    ByteBuffer vb = DenseFloats.bytes(v);
    AdamMath math = AdamMath.get();
    KernelThreads.byRanges(Work.STREAMING, value.length(),
        (lo, hi) -> math.adam(p, g, mb, vb, lo, hi, step));
  }
}
