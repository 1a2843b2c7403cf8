package org.pmm.tensor.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.Memory;
import org.pmm.tensor.ShapeException;
import org.pmm.tensor.Tensor;
import org.pmm.tensor.kernels.DenseFloats;
import org.pmm.tensor.kernels.ElementWiseMath;
import org.pmm.tensor.kernels.HeapChunks;
import org.pmm.tensor.kernels.KernelThreads;
import org.pmm.tensor.kernels.KernelThreads.Work;

/**
 * The gated multimodal unit's mixture {@code z = h_t + sigmoid(a)·(h_i − h_t)} in one pass
 * forward and one backward, where the composition of operations (sigmoid, difference, product,
 * sum) made four passes forward and more backward, with copies of the upstream gradient.
 * For dense float operands of one shape; anything else takes the composition, which is also
 * the reference of the tests. Forward values equal the composition's bit for bit (the same float
 * operations in the same order).
 *
 * <pre>{@code
 * Tensor z = Ops.gatedMix(gateLogits, ht, hi);   // ht + sigmoid(gateLogits) * (hi - ht)
 * }</pre>
 */
public final class GatedMix {
  private GatedMix() {}

  public static Tensor apply(Tensor a, Tensor ht, Tensor hi) {
    if (!Arrays.equals(a.shape(), ht.shape()) || !Arrays.equals(a.shape(), hi.shape())) {
      throw new ShapeException("gatedMix: gate " + Tensor.shapeString(a.shape()) + ", h_t "
          + Tensor.shapeString(ht.shape()) + " and h_i " + Tensor.shapeString(hi.shape())
          + " must have one shape");
    }
    if (!DenseFloats.applies(a.value(), ht.value(), hi.value())) {
      return composed(a, ht, hi);
    }
    INDArray gate = Memory.uninitializedLike(a.value());
    INDArray z = Memory.uninitializedLike(a.value());
    ElementWiseMath math = ElementWiseMath.get();
    HeapChunks forward = new HeapChunks(new INDArray[] {a.value(), ht.value(), hi.value()},
        new INDArray[] {gate, z});
    KernelThreads.byRanges(Work.COMPUTE, z.length(), HeapChunks.CHUNK,
        forward.each((lo, n, c) -> {
      float[] g = c[3];
      float[] out = c[4];
      math.sigmoid(c[0], g, n);
      float[] t = c[1];
      float[] i = c[2];
      for (int k = 0; k < n; k++) {
        out[k] = t[k] + g[k] * (i[k] - t[k]);
      }
    }));
    Tensor.stepConstant(gate);
    return Tensor.result("gatedMix", z, dz -> backward(dz, gate, a, ht, hi), a, ht, hi);
  }

  /** The same mixture as a composition of operations. */
  public static Tensor composed(Tensor a, Tensor ht, Tensor hi) {
    return ht.add(a.sigmoid().mul(hi.sub(ht)));
  }

  private static void backward(INDArray dz, INDArray gate, Tensor a, Tensor ht, Tensor hi) {
    if (!DenseFloats.applies(dz, gate)) {
      // a gradient that is a view or of another type: copy it into a dense float array
      INDArray dense = dz.dup('c');
      backward(dense, gate, a, ht, hi);
      Memory.release(dense);
      return;
    }
    INDArray da = a.requiresGrad() ? Memory.uninitializedLike(dz) : null;
    INDArray dt = ht.requiresGrad() ? Memory.uninitializedLike(dz) : null;
    INDArray di = hi.requiresGrad() ? Memory.uninitializedLike(dz) : null;
    HeapChunks chunks = new HeapChunks(new INDArray[] {dz, gate, ht.value(), hi.value()},
        new INDArray[] {da, dt, di});
    KernelThreads.byRanges(Work.COMPUTE, dz.length(), HeapChunks.CHUNK,
        chunks.each((lo, n, c) -> {
      float[] d = c[0];
      float[] g = c[1];
      float[] t = c[2];
      float[] i = c[3];
      float[] outA = c[4];
      float[] outT = c[5];
      float[] outI = c[6];
      for (int k = 0; k < n; k++) {
        float dg = d[k] * g[k];
        outA[k] = (d[k] * (i[k] - t[k])) * (g[k] * (1f - g[k]));
        outT[k] = d[k] - dg;
        outI[k] = dg;
      }
    }));
    if (da != null) {
      a.accumulate(da, true);
    }
    if (dt != null) {
      ht.accumulate(dt, true);
    }
    if (di != null) {
      hi.accumulate(di, true);
    }
  }
}
