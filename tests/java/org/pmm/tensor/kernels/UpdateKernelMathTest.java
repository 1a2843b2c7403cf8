package org.pmm.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Both implementations of the array-update kernels ({@link Accumulation}, {@link BatchNormMath},
 * {@link AdamMath}) against their formulas and ND4J's bits, on ranges that start and end off the
 * vector boundaries, and against each other bit for bit.
 */
class UpdateKernelMathTest {
  private static final Accumulation[] ADD =
      {Accumulation.Vectorised.create(), new Accumulation.Scalar()};
  private static final BatchNormMath[] BATCH_NORM =
      {BatchNormMath.Vectorised.create(), new BatchNormMath.Scalar()};
  private static final AdamMath[] ADAM = {AdamMath.Vectorised.create(), new AdamMath.Scalar()};

  /**
   * Adam's update on native buffers: the vector loop (with a scalar tail) and the scalar one
   * agree bit for bit on a range that starts and ends off the vector boundaries, clipping
   * included, and leave the elements outside the range alone.
   */
  @Test
  void adamVectorAndScalarAgreeBitForBitInPlace() {
    SplittableRandom r = new SplittableRandom(8);
    int n = 1_003;
    int lo = 5;
    int hi = 1_000;
    float[][] start = new float[4][n];   // value, gradient, m, v
    for (int i = 0; i < n; i++) {
      start[0][i] = (float) r.nextGaussian();
      start[1][i] = (float) (r.nextGaussian() * 3);
      start[2][i] = (float) (r.nextGaussian() * 0.1);
      start[3][i] = (float) r.nextDouble() * 0.01f;
    }
    AdamMath.Step step = new AdamMath.Step(0.9f, 0.999f, 1e-3f, 1e-8f, 2.5f, 0.99f);
    ByteBuffer[][] out = new ByteBuffer[2][4];
    for (int k = 0; k < 2; k++) {
      for (int a = 0; a < 4; a++) {
        out[k][a] = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder());
        out[k][a].asFloatBuffer().put(start[a]);
      }
      ADAM[k].adam(out[k][0], out[k][1], out[k][2], out[k][3], lo, hi, step);
    }
    float[] mv = new float[2];
    for (int i = 0; i < n; i++) {
      float p = AdamMath.adam(start[0][i], start[1][i], start[2][i], start[3][i], step, mv);
      boolean inside = i >= lo && i < hi;
      float[] expected = {inside ? p : start[0][i], start[1][i], inside ? mv[0] : start[2][i],
          inside ? mv[1] : start[3][i]};
      for (int a = 0; a < 4; a++) {
        for (int k = 0; k < 2; k++) {
          assertEquals(Float.floatToRawIntBits(expected[a]),
              Float.floatToRawIntBits(out[k][a].getFloat(4 * i)),
              ADAM[k].describe() + " array " + a + " element " + i);
        }
      }
    }
    AdamMath.adam(0f, 100f, 0f, 0f, step, mv);
    assertEquals(0.25f, mv[0], 1e-7f);   // the clip bound acts: m moves by (1 - beta1) * 2.5
  }

  /**
   * {@code out (+)= x·c} and {@code out (+)= x·y} on native buffers: vector and scalar forms
   * give the bits of ND4J's product and sum, on a range off the vector boundaries, leaving the
   * rest alone.
   */
  @Test
  void addScaledAndAddProductHaveTheBitsOfNd4jsProductAndSum() {
    SplittableRandom r = new SplittableRandom(10);
    int n = 1_003;
    float[] x = new float[n];
    float[] start = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (r.nextGaussian() * 3);
      start[i] = (float) r.nextGaussian();
    }
    float c = 0.3f;
    float[] product = org.nd4j.linalg.factory.Nd4j.createFromArray(x).mul(c).toFloatVector();
    float[] sum = org.nd4j.linalg.factory.Nd4j.createFromArray(start)
        .addi(org.nd4j.linalg.factory.Nd4j.createFromArray(x).mul(c)).toFloatVector();
    INDArray xs = org.nd4j.linalg.factory.Nd4j.createFromArray(x);
    INDArray starts = org.nd4j.linalg.factory.Nd4j.createFromArray(start);
    float[][] times = {xs.mul(starts).toFloatVector(), starts.add(xs.mul(starts)).toFloatVector()};
    for (Accumulation m : ADD) {
      for (boolean accumulate : new boolean[] {false, true}) {
        ByteBuffer in = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder());
        in.asFloatBuffer().put(x);
        ByteBuffer out = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder());
        out.asFloatBuffer().put(start);
        m.addScaled(in, c, out, accumulate, 3, n - 2);
        ByteBuffer other = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder());
        other.asFloatBuffer().put(start);
        ByteBuffer out2 = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder());
        out2.asFloatBuffer().put(start);
        m.addProduct(in, other, out2, accumulate, 3, n - 2);
        String what = m.describe() + (accumulate ? " accumulating" : " writing");
        for (int i = 0; i < n; i++) {
          boolean outside = i < 3 || i >= n - 2;
          float expected = outside ? start[i] : accumulate ? sum[i] : product[i];
          assertEquals(Float.floatToRawIntBits(expected),
              Float.floatToRawIntBits(out.getFloat(4 * i)), what + " at " + i);
          float expected2 = outside ? start[i] : accumulate ? times[1][i] : times[0][i];
          assertEquals(Float.floatToRawIntBits(expected2),
              Float.floatToRawIntBits(out2.getFloat(4 * i)), what + " a product at " + i);
        }
      }
    }
  }

  /**
   * The Laplace gradients written or added in place: c·sign(x − m) as the sign-bit copy of
   * {@link LaplaceMath#signedConstant}, and c / s as float division, plus what was there, by
   * both forms, bit for bit, on a range off the vector boundaries.
   */
  @Test
  void signedConstantsAndQuotientsAreWrittenOrAddedInPlace() {
    SplittableRandom r = new SplittableRandom(12);
    int n = 1_003;
    float[] x = new float[n];
    float[] start = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextGaussian();
      start[i] = (float) r.nextGaussian();
    }
    x[10] = 0.25f;   // x − m = +0: the sign of +c
    float m0 = 0.25f;
    float c = -1.7f;
    float[] signed = new float[n];
    new LaplaceMath.Scalar().signedConstant(x, m0, c, signed, n);
    for (Accumulation m : ADD) {
      for (boolean accumulate : new boolean[] {false, true}) {
        ByteBuffer in = direct(x);
        ByteBuffer out = direct(start);
        m.addSignedConstant(in, m0, c, out, accumulate, 3, n - 2);
        ByteBuffer out2 = direct(start);
        m.addQuotient(c, in, out2, accumulate, 3, n - 2);
        String what = m.describe() + (accumulate ? " accumulating" : " writing");
        for (int i = 0; i < n; i++) {
          boolean outside = i < 3 || i >= n - 2;
          float sign = x[i] - m0 < 0 ? -c : c;
          assertEquals(sign, signed[i], "signedConstant at " + i);
          float expected = outside ? start[i] : accumulate ? start[i] + signed[i] : signed[i];
          assertEquals(Float.floatToRawIntBits(expected),
              Float.floatToRawIntBits(out.getFloat(4 * i)), what + " sign at " + i);
          float quotient = c / x[i];
          float expected2 = outside ? start[i] : accumulate ? start[i] + quotient : quotient;
          assertEquals(Float.floatToRawIntBits(expected2),
              Float.floatToRawIntBits(out2.getFloat(4 * i)), what + " quotient at " + i);
        }
      }
    }
  }

  /** Columns of one matrix written or added into another, by both forms, for some rows. */
  @Test
  void addColumnsCopiesOrAddsTheColumnsOfItsRows() {
    SplittableRandom r = new SplittableRandom(11);
    int rows = 5;
    int gCols = 70;
    int offset = 19;
    int cols = 37;
    float[] g = new float[rows * gCols];
    float[] start = new float[rows * cols];
    for (int i = 0; i < g.length; i++) {
      g[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < start.length; i++) {
      start[i] = (float) r.nextGaussian();
    }
    for (Accumulation m : ADD) {
      for (boolean accumulate : new boolean[] {false, true}) {
        ByteBuffer in = ByteBuffer.allocateDirect(4 * g.length).order(ByteOrder.nativeOrder());
        in.asFloatBuffer().put(g);
        ByteBuffer out = ByteBuffer.allocateDirect(4 * start.length).order(ByteOrder.nativeOrder());
        out.asFloatBuffer().put(start);
        m.addColumns(in, gCols, offset, out, cols, accumulate, 1, rows - 1);
        for (int row = 0; row < rows; row++) {
          for (int j = 0; j < cols; j++) {
            float old = start[row * cols + j];
            float v = g[row * gCols + offset + j];
            float expected = row == 0 || row == rows - 1 ? old : accumulate ? old + v : v;
            assertEquals(expected, out.getFloat(4 * (row * cols + j)),
                m.describe() + " (" + row + ", " + j + ")");
          }
        }
      }
    }
  }

  /** A row added to some rows of a matrix, by both forms (37 columns: vectors and a tail). */
  @Test
  void addRowAddsItToEachRowInRange() {
    SplittableRandom r = new SplittableRandom(12);
    int rows = 5;
    int cols = 37;
    float[] row = gaussians(r, cols);
    float[] start = gaussians(r, rows * cols);
    for (Accumulation m : ADD) {
      ByteBuffer out = direct(start);
      m.addRow(direct(row), out, cols, 1, rows - 1);
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          float old = start[i * cols + j];
          float expected = i == 0 || i == rows - 1 ? old : old + row[j];
          assertEquals(expected, out.getFloat(4 * (i * cols + j)),
              m.describe() + " (" + i + ", " + j + ")");
        }
      }
    }
  }

  /** Column sums over a stripe of columns, by both forms, equal a row-by-row float sum. */
  @Test
  void addRowsIntoSumsTheRowsInOrder() {
    SplittableRandom r = new SplittableRandom(13);
    int rows = 9;
    int cols = 70;
    int c0 = 19;
    float[] x = gaussians(r, rows * cols);
    ByteBuffer b = direct(x);
    for (Accumulation m : ADD) {
      float[] acc = new float[37];
      acc[3] = 0.5f;
      m.addRowsInto(b, cols, rows, c0, acc);
      for (int j = 0; j < acc.length; j++) {
        float expected = j == 3 ? 0.5f : 0f;
        for (int i = 0; i < rows; i++) {
          expected += x[i * cols + c0 + j];
        }
        assertEquals(expected, acc[j], m.describe() + " column " + j);
      }
    }
  }

  private static ByteBuffer direct(float[] values) {
    return VectorApi.direct(values);
  }

  private static float[] gaussians(SplittableRandom r, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  /**
   * Batch norm's four passes by both forms on a [6, 37] matrix (37 columns: two vectors of 16
   * and a tail), against the formulas written out element by element.
   */
  @Test
  void batchNormPassesFollowTheirFormulas() {
    SplittableRandom r = new SplittableRandom(14);
    int rows = 6;
    int cols = 37;
    int c0 = 3;   // the sums work on the columns [3, 37)
    float[] x = gaussians(r, rows * cols);
    float[] g = gaussians(r, rows * cols);
    float[] mean = gaussians(r, cols);
    float[] scale = gaussians(r, cols);
    float[] offset = gaussians(r, cols);
    float[] c = gaussians(r, cols);
    float[] s1 = gaussians(r, cols);
    float[] s2 = gaussians(r, cols);
    int n = cols - c0;
    for (BatchNormMath m : BATCH_NORM) {
      String form = m.describe();
      float[] shift = Arrays.copyOfRange(mean, c0, cols);
      float[] t1 = new float[n];
      float[] t2 = new float[n];
      m.shiftedSums(direct(x), cols, 1, rows, c0, shift, t1, t2);
      float[] u1 = new float[n];
      float[] u2 = new float[n];
      float[] inv = Arrays.copyOfRange(scale, c0, cols);
      m.normalisedGradientSums(direct(g), direct(x), cols, 0, rows, c0, shift, inv, u1, u2);
      for (int j = 0; j < n; j++) {
        float e1 = 0;
        float e2 = 0;
        float f1 = 0;
        float f2 = 0;
        for (int i = 0; i < rows; i++) {
          float xv = x[i * cols + c0 + j];
          float gv = g[i * cols + c0 + j];
          if (i > 0) {
            float d = xv - shift[j];
            e1 += d;
            e2 += d * d;
          }
          float xhat = (xv - shift[j]) * inv[j];
          f1 += gv;
          f2 += gv * xhat;
        }
        assertEquals(e1, t1[j], form + " shifted sum " + j);
        assertEquals(e2, t2[j], form + " shifted square sum " + j);
        assertEquals(f1, u1[j], form + " gradient sum " + j);
        assertEquals(f2, u2[j], form + " gradient-xhat sum " + j);
      }
      ByteBuffer y = direct(new float[x.length]);
      m.normalise(direct(x), y, cols, 1, rows, mean, scale, offset);
      ByteBuffer dx = direct(new float[x.length]);
      m.normalisedInputGradient(direct(g), direct(x), dx, cols, 0, rows, 6f, mean, scale, c, s1,
          s2);
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          int k = i * cols + j;
          if (i > 0) {
            assertEquals((x[k] - mean[j]) * scale[j] + offset[j], y.getFloat(4 * k),
                form + " normalised (" + i + ", " + j + ")");
          }
          float xhat = (x[k] - mean[j]) * scale[j];
          assertEquals(c[j] * (6f * g[k] - s1[j] - xhat * s2[j]), dx.getFloat(4 * k),
              form + " input gradient (" + i + ", " + j + ")");
        }
      }
      assertEquals(0f, y.getFloat(0), form + ": row 0 is outside the range and left alone");
    }
  }
}
