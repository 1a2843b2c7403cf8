package org.pmm.tensor;

import java.nio.FloatBuffer;
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
 * normalised input from x, mean and 1/σ. The cores share the work by ranges of columns: each
 * column's sums run over the rows in order, so results do not depend on the number of cores.
 * The loops are plain array loops, which the JIT turns into SIMD instructions.
 *
 * <pre>{@code
 * BatchNormKernels.Forward f = BatchNormKernels.forward(x, gamma, beta, 1e-5);
 * // f.mean, f.variance (biased), f.inv = 1/sqrt(variance + eps): host arrays; f.y
 * BatchNormKernels.Gradients g = BatchNormKernels.backward(grad, x, f, gamma, true);
 * }</pre>
 */
final class BatchNormKernels {
  private BatchNormKernels() {}

  /** Whether the kernels take these operands: dense float matrices, parameters of [features]. */
  static boolean applies(INDArray x, INDArray gamma, INDArray beta) {
    return x.rank() == 2 && x.size(0) > 0 && FloatKernels.applies(x)
        && (gamma == null || FloatKernels.applies(gamma) && gamma.length() == x.size(1))
        && (beta == null || FloatKernels.applies(beta) && beta.length() == x.size(1));
  }

  /**
   * What the forward pass computed: the column means, (biased) variances and
   * {@code 1/sqrt(variance + eps)} as host arrays, and the output y [rows, features].
   */
  record Forward(float[] mean, float[] variance, float[] inv, INDArray y) {}

  /** Column sums the backward pass computed, and the input's gradient (null if not asked). */
  record Gradients(INDArray sumG, INDArray sumGXhat, INDArray dx) {}

  /** Normalises x by its column statistics, then scales by gamma and shifts by beta (if given). */
  static Forward forward(INDArray x, INDArray gamma, INDArray beta, double epsilon) {
    int rows = (int) x.size(0);
    int cols = (int) x.size(1);
    INDArray y = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
    FloatBuffer xb = x.data().asNioFloat();
    FloatBuffer yb = y.data().asNioFloat();
    float[] g = gamma == null ? null : gamma.data().asFloat();
    float[] b = beta == null ? null : beta.data().asFloat();
    float[] meanAll = new float[cols];
    float[] varAll = new float[cols];
    float[] invAll = new float[cols];
    float perRow = 1f / rows;
    float eps = (float) epsilon;
    FloatKernels.byColumns(cols, (c0, n) -> {
      float[] row = new float[n];
      float[] shift = new float[n];
      float[] s1 = new float[n];
      float[] s2 = new float[n];
      xb.get(c0, shift, 0, n);
      for (int r = 1; r < rows; r++) {
        xb.get(r * cols + c0, row, 0, n);
        for (int j = 0; j < n; j++) {
          float d = row[j] - shift[j];
          s1[j] += d;
          s2[j] += d * d;
        }
      }
      float[] m = new float[n];
      float[] scale = new float[n];
      float[] offset = new float[n];
      for (int j = 0; j < n; j++) {
        float d = s1[j] * perRow;
        float v = Math.max(0f, s2[j] * perRow - d * d);
        m[j] = shift[j] + d;
        float inv = (float) (1.0 / Math.sqrt(v + eps));
        meanAll[c0 + j] = m[j];
        varAll[c0 + j] = v;
        invAll[c0 + j] = inv;
        scale[j] = g == null ? inv : inv * g[c0 + j];
        offset[j] = b == null ? 0f : b[c0 + j];
      }
      for (int r = 0; r < rows; r++) {
        int at = r * cols + c0;
        xb.get(at, row, 0, n);
        for (int j = 0; j < n; j++) {
          row[j] = (row[j] - m[j]) * scale[j] + offset[j];
        }
        yb.put(at, row, 0, n);
      }
    });
    return new Forward(meanAll, varAll, invAll, y);
  }

  /**
   * Column sums of the output's gradient and of its product with xhat = (x − mean)·inv (the
   * gradients of beta and gamma), and, if asked, the input's gradient
   * {@code dx = inv·gamma/B · (B·g − Σg − xhat·Σ(g·xhat))}.
   */
  static Gradients backward(INDArray grad, INDArray x, Forward f, INDArray gamma,
      boolean inputGradient) {
    int rows = (int) grad.size(0);
    int cols = (int) grad.size(1);
    INDArray dx = inputGradient ? Nd4j.createUninitialized(DataType.FLOAT, rows, cols) : null;
    FloatBuffer gb = grad.data().asNioFloat();
    FloatBuffer xb = x.data().asNioFloat();
    FloatBuffer db = inputGradient ? dx.data().asNioFloat() : null;
    float[] gamma0 = gamma == null ? null : gamma.data().asFloat();
    float[] s1All = new float[cols];
    float[] s2All = new float[cols];
    float batch = rows;
    FloatKernels.byColumns(cols, (c0, n) -> {
      float[] gr = new float[n];
      float[] h = new float[n];
      float[] m = java.util.Arrays.copyOfRange(f.mean(), c0, c0 + n);
      float[] inv = java.util.Arrays.copyOfRange(f.inv(), c0, c0 + n);
      float[] s1 = new float[n];
      float[] s2 = new float[n];
      for (int r = 0; r < rows; r++) {
        int at = r * cols + c0;
        gb.get(at, gr, 0, n);
        xb.get(at, h, 0, n);
        for (int j = 0; j < n; j++) {
          float xhat = (h[j] - m[j]) * inv[j];
          s1[j] += gr[j];
          s2[j] += gr[j] * xhat;
        }
      }
      System.arraycopy(s1, 0, s1All, c0, n);
      System.arraycopy(s2, 0, s2All, c0, n);
      if (!inputGradient) {
        return;
      }
      float[] c = new float[n];
      for (int j = 0; j < n; j++) {
        c[j] = inv[j] * (gamma0 == null ? 1f : gamma0[c0 + j]) / batch;
      }
      for (int r = 0; r < rows; r++) {
        int at = r * cols + c0;
        gb.get(at, gr, 0, n);
        xb.get(at, h, 0, n);
        for (int j = 0; j < n; j++) {
          float xhat = (h[j] - m[j]) * inv[j];
          gr[j] = c[j] * (batch * gr[j] - s1[j] - xhat * s2[j]);
        }
        db.put(at, gr, 0, n);
      }
    });
    INDArray sumG = Nd4j.createUninitialized(DataType.FLOAT, 1, cols);
    INDArray sumGXhat = Nd4j.createUninitialized(DataType.FLOAT, 1, cols);
    sumG.data().asNioFloat().put(0, s1All);
    sumGXhat.data().asNioFloat().put(0, s2All);
    return new Gradients(sumG, sumGXhat, dx);
  }
}
