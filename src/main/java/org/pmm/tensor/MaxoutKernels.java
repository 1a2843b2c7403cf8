package org.pmm.tensor;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Maxout's maximum over groups of {@code pieces} consecutive columns of a dense row-major float
 * matrix, and its gradient, one pass each. The composition it replaces (a reshaped copy, ND4J's
 * max over the last axis, a copy of the result; backward an equality mask, a cast, a
 * broadcast product and a reshape) took about 8 ms of a GMU step at the bench config
 * (docs/performance.md). Ties pass the gradient to every maximal piece, as the composition does.
 *
 * <pre>{@code
 * if (MaxoutKernels.applies(h, 2)) {
 *   INDArray y = MaxoutKernels.forward(h, 2);          // [rows, cols / 2]
 *   INDArray dh = MaxoutKernels.backward(h, y, g, 2);  // [rows, cols], g where h is the max
 * }
 * }</pre>
 */
final class MaxoutKernels {
  private MaxoutKernels() {}

  /** Whether the kernels take {@code x}: a dense float matrix whose width pieces divides. */
  static boolean applies(INDArray x, int pieces) {
    return x.rank() == 2 && pieces > 0 && x.size(1) % pieces == 0 && FloatKernels.applies(x);
  }

  /** {@code y[i] = max over k < pieces of x[i·pieces + k]} (x and y read flat). */
  static INDArray forward(INDArray x, int pieces) {
    INDArray y = Nd4j.createUninitialized(DataType.FLOAT, x.size(0), x.size(1) / pieces);
    FloatBuffer xb = x.data().asNioFloat();
    FloatBuffer yb = y.data().asNioFloat();
    byOutputChunks(y.length(), pieces, (o0, n) -> {
      float[] in = new float[n * pieces];
      float[] out = new float[n];
      xb.get(o0 * pieces, in, 0, n * pieces);
      for (int i = 0; i < n; i++) {
        float m = in[i * pieces];
        for (int k = 1; k < pieces; k++) {
          m = Math.max(m, in[i * pieces + k]);
        }
        out[i] = m;
      }
      yb.put(o0, out, 0, n);
    });
    return y;
  }

  /** {@code dx[i·pieces + k] = g[i]} where {@code x[i·pieces + k] == y[i]}, else 0. */
  static INDArray backward(INDArray x, INDArray y, INDArray g, int pieces) {
    INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
    FloatBuffer xb = x.data().asNioFloat();
    FloatBuffer yb = y.data().asNioFloat();
    FloatBuffer gb = g.data().asNioFloat();
    FloatBuffer db = dx.data().asNioFloat();
    byOutputChunks(y.length(), pieces, (o0, n) -> {
      float[] in = new float[n * pieces];
      float[] max = new float[n];
      float[] grad = new float[n];
      xb.get(o0 * pieces, in, 0, n * pieces);
      yb.get(o0, max, 0, n);
      gb.get(o0, grad, 0, n);
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < pieces; k++) {
          int at = i * pieces + k;
          in[at] = in[at] == max[i] ? grad[i] : 0f;
        }
      }
      db.put(o0 * pieces, in, 0, n * pieces);
    });
    return dx;
  }

  /** Work on the outputs [o0, o0 + n), whose inputs are [o0·pieces, (o0 + n)·pieces). */
  @FunctionalInterface
  private interface OutputRange {
    void run(int o0, int n);
  }

  /** Splits the outputs into cache-sized chunks, shared among the cores. */
  private static void byOutputChunks(long outputs, int pieces, OutputRange body) {
    int perChunk = Math.max(1, FloatKernels.CHUNK / pieces);
    long chunks = (outputs + perChunk - 1) / perChunk;
    int workers = (int) Math.min(chunks, KernelThreads.cores());
    KernelThreads.forEach(workers, worker -> {
      for (long c = worker; c < chunks; c += workers) {
        int o0 = (int) (c * perChunk);
        body.run(o0, (int) Math.min(perChunk, outputs - o0));
      }
    });
  }
}
