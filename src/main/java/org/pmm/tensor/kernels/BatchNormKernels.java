package org.pmm.tensor.kernels;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalisation in training mode over a dense row-major float batch [rows, features], in
 * two passes over the batch forward and two backward, where the composition of ND4J operations
 * made eight to ten (the column reductions and row broadcasts of ND4J are among the slowest
 * operations of a step). Forward, one pass sums each column's deviations from its first row
 * and their squares (shifted sums: the variance without a second pass and without the
 * cancellation of raw sums of squares, as the shift lies within the column's spread), the
 * other writes the output; nothing but the output is stored, the backward pass recomputes the
 * normalised input from x, mean and 1/σ. Sums are split among the kernel threads by ranges of
 * columns, each column summed over the rows in order, so results do not depend on the number
 * of threads; element-wise passes by ranges of rows. All passes work in the arrays' memory
 * with the Vector API ({@link BatchNormMath}).
 *
 * <pre>{@code
 * BatchNormKernels.Forward f = BatchNormKernels.forward(x, gamma, beta, 1e-5);
 * // f.mean, f.variance (biased), f.inv = 1/sqrt(variance + eps): host arrays; f.y
 * BatchNormKernels.Gradients g = BatchNormKernels.backward(grad, x, f, gamma, true);
 * }</pre>
 */
public final class BatchNormKernels {
  private BatchNormKernels() {}

  /** Whether the kernels take these operands: dense float matrices, parameters of [features]. */
  public static boolean applies(INDArray x, INDArray gamma, INDArray beta) {
    return x.rank() == 2 && x.size(0) > 0 && DenseFloats.applies(x)
        && (gamma == null || DenseFloats.applies(gamma) && gamma.length() == x.size(1))
        && (beta == null || DenseFloats.applies(beta) && beta.length() == x.size(1));
  }

  /**
   * What the forward pass computed: the column means, (biased) variances and
   * {@code 1/sqrt(variance + eps)} as host arrays, and the output y [rows, features].
   */
  public record Forward(float[] mean, float[] variance, float[] inv, INDArray y) {}

  /** Column sums the backward pass computed, and the input's gradient (null if not asked). */
  public record Gradients(INDArray sumG, INDArray sumGXhat, INDArray dx) {}

  /** Normalises x by its column statistics, then scales by gamma and shifts by beta (if given). */
  public static Forward forward(INDArray x, INDArray gamma, INDArray beta, double epsilon) {
    int rows = (int) x.size(0);
    int cols = (int) x.size(1);
    INDArray y = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
    ByteBuffer xb = DenseFloats.bytes(x);
    ByteBuffer yb = DenseFloats.bytes(y);
    float[] g = gamma == null ? null : gamma.data().asFloat();
    float[] b = beta == null ? new float[cols] : beta.data().asFloat();
    float[] mean = new float[cols];
    float[] variance = new float[cols];
    float[] inv = new float[cols];
    float[] scale = new float[cols];
    float perRow = 1f / rows;
    float eps = (float) epsilon;
    BatchNormMath math = BatchNormMath.get();
    KernelThreads.byColumns(rows, cols, (c0, n) -> {
      float[] shift = new float[n];
      float[] s1 = new float[n];
      float[] s2 = new float[n];
      xb.asFloatBuffer().get(c0, shift, 0, n);
      math.shiftedSums(xb, cols, 1, rows, c0, shift, s1, s2);
      for (int j = 0; j < n; j++) {
        float d = s1[j] * perRow;
        float v = Math.max(0f, s2[j] * perRow - d * d);
        float i = (float) (1.0 / Math.sqrt(v + eps));
        mean[c0 + j] = shift[j] + d;
        variance[c0 + j] = v;
        inv[c0 + j] = i;
        scale[c0 + j] = g == null ? i : i * g[c0 + j];
      }
    });
    KernelThreads.byRows(rows, cols,
        (lo, hi) -> math.normalise(xb, yb, cols, lo, hi, mean, scale, b));
    return new Forward(mean, variance, inv, y);
  }

  /**
   * Column sums of the output's gradient and of its product with xhat = (x − mean)·inv (the
   * gradients of beta and gamma), and, if asked, the input's gradient
   * {@code dx = inv·gamma/B · (B·g − Σg − xhat·Σ(g·xhat))}.
   */
  public static Gradients backward(INDArray grad, INDArray x, Forward f, INDArray gamma,
      boolean inputGradient) {
    int rows = (int) grad.size(0);
    int cols = (int) grad.size(1);
    ByteBuffer gb = DenseFloats.bytes(grad);
    ByteBuffer xb = DenseFloats.bytes(x);
    float[] s1 = new float[cols];
    float[] s2 = new float[cols];
    BatchNormMath math = BatchNormMath.get();
    KernelThreads.byColumns(rows, cols, (c0, n) -> {
      float[] m = Arrays.copyOfRange(f.mean(), c0, c0 + n);
      float[] inv = Arrays.copyOfRange(f.inv(), c0, c0 + n);
      float[] t1 = new float[n];
      float[] t2 = new float[n];
      math.normalisedGradientSums(gb, xb, cols, 0, rows, c0, m, inv, t1, t2);
      System.arraycopy(t1, 0, s1, c0, n);
      System.arraycopy(t2, 0, s2, c0, n);
    });
    INDArray dx = null;
    if (inputGradient) {
      dx = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
      ByteBuffer db = DenseFloats.bytes(dx);
      float[] gamma0 = gamma == null ? null : gamma.data().asFloat();
      float batch = rows;
      float[] c = new float[cols];
      for (int j = 0; j < cols; j++) {
        c[j] = f.inv()[j] * (gamma0 == null ? 1f : gamma0[j]) / batch;
      }
      KernelThreads.byRows(rows, cols, (lo, hi) -> math.normalisedInputGradient(gb, xb, db, cols,
          lo, hi, batch, f.mean(), f.inv(), c, s1, s2));
    }
    INDArray sumG = Nd4j.createUninitialized(DataType.FLOAT, 1, cols);
    INDArray sumGXhat = Nd4j.createUninitialized(DataType.FLOAT, 1, cols);
    sumG.data().asNioFloat().put(0, s1);
    sumGXhat.data().asNioFloat().put(0, s2);
    return new Gradients(sumG, sumGXhat, dx);
  }
}
