package org.pmm.tensor;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalisation in training mode over a dense row-major float batch [rows, features], in
 * three passes over the batch forward and two backward, where the composition of ND4J operations
 * made eight to ten (the column reductions and row broadcasts of ND4J are among the slowest
 * operations of a step). The cores share the work by ranges of columns: each column's sums run
 * over the rows in order, so results do not depend on the number of cores. The loops are plain
 * array loops, which the JIT turns into SIMD instructions.
 *
 * <pre>{@code
 * BatchNormKernels.Forward f = BatchNormKernels.forward(x, gamma, beta, 1e-5);
 * // f.mean, f.variance (biased; host arrays), f.inv = 1/sqrt(variance + eps), f.xhat, f.y
 * BatchNormKernels.Gradients g = BatchNormKernels.backward(grad, f.xhat, f.inv, gamma, true);
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
   * What the forward pass computed: the column means and (biased) variances as host arrays, inv
   * of shape [1, features], xhat and y as [rows, features] (y is xhat without affine part).
   */
  record Forward(float[] mean, float[] variance, INDArray inv, INDArray xhat, INDArray y) {}

  /** Column sums the backward pass computed, and the input's gradient (null if not asked). */
  record Gradients(INDArray sumG, INDArray sumGXhat, INDArray dx) {}

  /** Normalises x by its column statistics, then scales by gamma and shifts by beta (if given). */
  static Forward forward(INDArray x, INDArray gamma, INDArray beta, double epsilon) {
    int rows = (int) x.size(0);
    int cols = (int) x.size(1);
    INDArray inv = Nd4j.createUninitialized(DataType.FLOAT, 1, cols);
    INDArray xhat = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
    boolean affine = gamma != null || beta != null;
    INDArray y = affine ? Nd4j.createUninitialized(DataType.FLOAT, rows, cols) : xhat;
    FloatBuffer xb = x.data().asNioFloat();
    FloatBuffer hb = xhat.data().asNioFloat();
    FloatBuffer yb = affine ? y.data().asNioFloat() : null;
    float[] g = gamma == null ? null : gamma.data().asFloat();
    float[] b = beta == null ? null : beta.data().asFloat();
    float[] meanAll = new float[cols];
    float[] varAll = new float[cols];
    float[] invAll = new float[cols];
    float perRow = 1f / rows;
    float eps = (float) epsilon;
    FloatKernels.byColumns(cols, (c0, n) -> {
      float[] row = new float[n];
      float[] m = new float[n];
      float[] v = new float[n];
      for (int r = 0; r < rows; r++) {
        xb.get(r * cols + c0, row, 0, n);
        for (int j = 0; j < n; j++) {
          m[j] += row[j];
        }
      }
      for (int j = 0; j < n; j++) {
        m[j] *= perRow;
      }
      for (int r = 0; r < rows; r++) {
        xb.get(r * cols + c0, row, 0, n);
        for (int j = 0; j < n; j++) {
          float d = row[j] - m[j];
          v[j] += d * d;
        }
      }
      float[] s = new float[n];
      for (int j = 0; j < n; j++) {
        v[j] *= perRow;
        s[j] = (float) (1.0 / Math.sqrt(v[j] + eps));
      }
      float[] out = new float[n];
      for (int r = 0; r < rows; r++) {
        int at = r * cols + c0;
        xb.get(at, row, 0, n);
        for (int j = 0; j < n; j++) {
          row[j] = (row[j] - m[j]) * s[j];
        }
        hb.put(at, row, 0, n);
        if (affine) {
          for (int j = 0; j < n; j++) {
            float scaled = g == null ? row[j] : row[j] * g[c0 + j];
            out[j] = b == null ? scaled : scaled + b[c0 + j];
          }
          yb.put(at, out, 0, n);
        }
      }
      System.arraycopy(m, 0, meanAll, c0, n);
      System.arraycopy(v, 0, varAll, c0, n);
      System.arraycopy(s, 0, invAll, c0, n);
    });
    inv.data().asNioFloat().put(0, invAll);
    return new Forward(meanAll, varAll, inv, xhat, y);
  }

  /**
   * Column sums of the output's gradient and of its product with xhat (the gradients of beta
   * and gamma), and, if asked, the input's gradient
   * {@code dx = inv·gamma/B · (B·g − Σg − xhat·Σ(g·xhat))}.
   */
  static Gradients backward(INDArray grad, INDArray xhat, INDArray inv, INDArray gamma,
      boolean inputGradient) {
    int rows = (int) grad.size(0);
    int cols = (int) grad.size(1);
    INDArray dx = inputGradient ? Nd4j.createUninitialized(DataType.FLOAT, rows, cols) : null;
    FloatBuffer gb = grad.data().asNioFloat();
    FloatBuffer hb = xhat.data().asNioFloat();
    FloatBuffer db = inputGradient ? dx.data().asNioFloat() : null;
    float[] gamma0 = gamma == null ? null : gamma.data().asFloat();
    float[] invAll = inv.data().asFloat();
    float[] s1All = new float[cols];
    float[] s2All = new float[cols];
    float batch = rows;
    FloatKernels.byColumns(cols, (c0, n) -> {
      float[] gr = new float[n];
      float[] h = new float[n];
      float[] s1 = new float[n];
      float[] s2 = new float[n];
      for (int r = 0; r < rows; r++) {
        int at = r * cols + c0;
        gb.get(at, gr, 0, n);
        hb.get(at, h, 0, n);
        for (int j = 0; j < n; j++) {
          s1[j] += gr[j];
          s2[j] += gr[j] * h[j];
        }
      }
      System.arraycopy(s1, 0, s1All, c0, n);
      System.arraycopy(s2, 0, s2All, c0, n);
      if (!inputGradient) {
        return;
      }
      float[] c = new float[n];
      for (int j = 0; j < n; j++) {
        c[j] = invAll[c0 + j] * (gamma0 == null ? 1f : gamma0[c0 + j]) / batch;
      }
      for (int r = 0; r < rows; r++) {
        int at = r * cols + c0;
        gb.get(at, gr, 0, n);
        hb.get(at, h, 0, n);
        for (int j = 0; j < n; j++) {
          gr[j] = c[j] * (batch * gr[j] - s1[j] - h[j] * s2[j]);
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
