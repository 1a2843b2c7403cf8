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
import org.pmm.tensor.RandomStream;

/**
 * Both implementations of each kernel class ({@link ElementWiseMath}, {@link LaplaceMath},
 * {@link Accumulation}, {@link BatchNormMath}, {@link AdamMath}, {@link BitScans}) against
 * double-precision references, over lengths
 * that leave a scalar tail after the vector loop, with the extreme inputs of each function; and
 * against each other, bit for bit (a run must not depend on whether SIMD was used); the bit
 * scans must agree exactly, wherever the special value sits.
 */
class KernelMathTest {
  private static final ElementWiseMath[] BOTH =
      {ElementWiseMath.Vectorised.create(), new ElementWiseMath.Scalar()};
  private static final LaplaceMath[] LAPLACE =
      {LaplaceMath.Vectorised.create(), new LaplaceMath.Scalar()};
  private static final Accumulation[] ADD =
      {Accumulation.Vectorised.create(), new Accumulation.Scalar()};
  private static final BatchNormMath[] BATCH_NORM =
      {BatchNormMath.Vectorised.create(), new BatchNormMath.Scalar()};
  private static final AdamMath[] ADAM = {AdamMath.Vectorised.create(), new AdamMath.Scalar()};
  private static final BitScans[] SCANS = {BitScans.Vectorised.create(), new BitScans.Scalar()};
  private static final int N = 1003; // not a multiple of any vector length

  private static float[] inputs(SplittableRandom r, float... specials) {
    float[] x = new float[N];
    for (int i = 0; i < N; i++) {
      x[i] = (float) (r.nextGaussian() * 20);
    }
    for (int k = 0; k < specials.length; k++) {
      x[k * 97 % N] = specials[k];
      x[N - 1 - k] = specials[k]; // and in the scalar tail
    }
    return x;
  }

  /** |a - b| within a few float ulps of b (and exact where b is 0). */
  private static void assertClose(double expected, float actual, String what) {
    double tol = 4 * Math.ulp((float) expected);
    assertTrue(Math.abs(actual - expected) <= tol,
        what + ": expected " + expected + ", got " + actual);
  }

  /** softplus of float arrays through native buffers, as the kernels run ({@code y} may be x). */
  private static void softplus(ElementWiseMath m, float[] x, float[] y, int n) {
    ByteBuffer in = direct(x);
    ByteBuffer out = y == x ? in : direct(y);
    m.softplus(in, out, 0, n);
    out.asFloatBuffer().get(y, 0, n);
  }

  /** sigmoidTimes of float arrays through native buffers ({@code out} may be x or g). */
  private static void sigmoidTimes(ElementWiseMath m, float[] x, float[] g, float[] out, int n) {
    ByteBuffer xb = direct(x);
    ByteBuffer gb = g == x ? xb : direct(g);
    ByteBuffer ob = out == x ? xb : out == g ? gb : direct(out);
    m.sigmoidTimes(xb, gb, ob, 0, n);
    ob.asFloatBuffer().get(out, 0, n);
  }

  /** tanh of float arrays through native buffers. */
  private static void tanh(ElementWiseMath m, float[] x, float[] y, int n) {
    ByteBuffer in = direct(x);
    ByteBuffer out = y == x ? in : direct(y);
    m.tanh(in, out, 0, n);
    out.asFloatBuffer().get(y, 0, n);
  }

  /** tanh's gradient from its output: both forms give the bits of g · (1 - y·y). */
  @Test
  void tanhGradientIsGTimesOneMinusYSquared() {
    SplittableRandom r = new SplittableRandom(12);
    float[] y = new float[N];
    float[] g = new float[N];
    for (int i = 0; i < N; i++) {
      y[i] = (float) (r.nextDouble() * 2 - 1);
      g[i] = (float) r.nextGaussian();
    }
    for (ElementWiseMath m : BOTH) {
      ByteBuffer out = direct(new float[N]);
      m.tanhGradient(direct(y), direct(g), out, 0, N);
      for (int i = 0; i < N; i++) {
        assertEquals(Float.floatToRawIntBits(g[i] * (1f - y[i] * y[i])),
            Float.floatToRawIntBits(out.getFloat(4 * i)), m.describe() + " at " + i);
      }
    }
  }

  private static ByteBuffer direct(float[] values) {
    ByteBuffer b = ByteBuffer.allocateDirect(4 * values.length).order(ByteOrder.nativeOrder());
    b.asFloatBuffer().put(values);
    return b;
  }

  @Test
  void testsRunWithTheVectorImplementation() {
    assertTrue(ElementWiseMath.get().describe().startsWith("vector"),
        ElementWiseMath.get().describe());
  }

  @Test
  void softplusIsExactAtBothEnds() {
    float[] x = inputs(new SplittableRandom(1), -100f, -60f, -17f, -1e-30f, -0f, 0f, 1e-30f, 15f,
        17f, 88f, 100f, 3e38f, -3e38f);
    for (ElementWiseMath m : BOTH) {
      float[] y = new float[N];
      softplus(m, x, y, N);
      for (int i = 0; i < N; i++) {
        double v = x[i];
        double ref = v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
        assertClose(ref, y[i], m.describe() + " softplus(" + v + ")");
      }
      float[] inPlace = x.clone();
      softplus(m, inPlace, inPlace, N);
      assertArrayEquals(y, inPlace, m.describe() + " in place");
    }
  }

  @Test
  void tanhAndSigmoidWithinAFewUlps() {
    float[] x = inputs(new SplittableRandom(5), -100f, -40.5f, -0.625f, 0.625f,
        Math.nextUp(0.625f), -1e-30f, -0f, 0f, 1e-6f, 0.3f, 9f, 88f, 3e38f, Float.NaN,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
    for (ElementWiseMath m : BOTH) {
      float[] t = new float[N];
      float[] s = new float[N];
      tanh(m, x, t, N);
      m.sigmoid(x, s, N);
      for (int i = 0; i < N; i++) {
        if (Float.isNaN(x[i])) {
          assertTrue(Float.isNaN(t[i]) && Float.isNaN(s[i]), m.describe() + " NaN in, NaN out");
          continue;
        }
        assertClose(Math.tanh(x[i]), t[i], m.describe() + " tanh(" + x[i] + ")");
        assertClose(1 / (1 + Math.exp(-(double) x[i])), s[i],
            m.describe() + " sigmoid(" + x[i] + ")");
      }
    }
  }

  @Test
  void sigmoidTimesGradient() {
    SplittableRandom r = new SplittableRandom(2);
    float[] x = inputs(r, -100f, -88f, 0f, 88f, 100f, -3e38f, 3e38f);
    float[] g = inputs(r, 0f, -1e30f, 1e30f);
    for (ElementWiseMath m : BOTH) {
      float[] out = new float[N];
      sigmoidTimes(m, x, g, out, N);
      for (int i = 0; i < N; i++) {
        double ref = g[i] / (1 + Math.exp(-(double) x[i]));
        assertClose(ref, out[i], m.describe() + " " + g[i] + " * sigmoid(" + x[i] + ")");
      }
    }
  }

  @Test
  void laplaceFromUniformIsTheInverseCdfAndFinite() {
    float h = (float) (0.5 - RandomStream.LAPLACE_U_MARGIN);
    SplittableRandom r = new SplittableRandom(3);
    float[] u = new float[N];
    for (int i = 0; i < N; i++) {
      u[i] = (float) r.nextDouble();
    }
    u[0] = 0f;
    u[1] = 0.5f;
    u[2] = Math.nextDown(1f);
    u[N - 1] = Math.nextDown(1f);
    for (LaplaceMath m : LAPLACE) {
      float[] z = u.clone();
      m.laplaceFromUniform(z, N, h);
      for (int i = 0; i < N; i++) {
        double v = (2.0 * u[i] - 1) * h;
        double ref = -Math.signum(v) * Math.log1p(-2 * Math.abs(v));
        assertTrue(Float.isFinite(z[i]), m.describe() + " u = " + u[i]);
        // the float rounding of v (a few ulps of 1) is amplified by 1/(1 - 2|v|) near the ends
        double tol = 1e-6 * (1 + 1 / (1 - 2 * Math.abs(v)));
        assertTrue(Math.abs(z[i] - ref) <= tol,
            m.describe() + " u = " + u[i] + ": expected " + ref + ", got " + z[i]);
      }
    }
  }

  @Test
  void bitScansFindEverySpecialValueWherever() {
    float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f,
        Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE};
    for (float special : specials) {
      for (int at : new int[] {0, 17, N / 2, N - 1}) {
        float[] x = new float[N];
        SplittableRandom r = new SplittableRandom(at);
        for (int i = 0; i < N; i++) {
          x[i] = (float) (0.5 + r.nextDouble());
        }
        x[at] = special;
        int[] expected = new int[2];
        int expectedMax = 0;
        expected[0] = Integer.MAX_VALUE;
        expected[1] = Integer.MIN_VALUE;
        for (float v : x) {
          int bits = Float.floatToRawIntBits(v);
          expectedMax = Math.max(expectedMax, bits & 0x7fffffff);
          expected[0] = Math.min(expected[0], bits);
          expected[1] = Math.max(expected[1], bits);
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect(4 * N).order(ByteOrder.nativeOrder());
        buffer.asFloatBuffer().put(x);
        for (BitScans m : SCANS) {
          String what = m.describe() + " " + special + " at " + at;
          assertEquals(expectedMax, m.maxMagnitudeBits(buffer, 0, N), what);
          int[] minMax = new int[2];
          m.minMaxBits(buffer, 0, N, minMax);
          assertArrayEquals(expected, minMax, what);
          // a range that leaves the special value out sees only the rest
          int lo = at < N / 2 ? at + 1 : 0;
          int hi = at < N / 2 ? N : at;
          assertTrue(m.maxMagnitudeBits(buffer, lo, hi) < Float.floatToRawIntBits(2f), what);
        }
      }
    }
  }

  @Test
  void expAndLog1pAreWithinTwoUlpsOverTheirRanges() {
    for (float x = -EXP_RANGE_TESTED; x <= EXP_RANGE_TESTED; x += 0.00731f) {
      double ref = Math.exp(x);
      float got = ElementWiseMath.expf(x);
      assertTrue(Math.abs(got - ref) <= 2 * Math.ulp((float) ref), "exp(" + x + ") = " + got);
    }
    for (float t = -1f + 2e-6f; t <= 1f; t += 0.0000917f) {
      assertLog1p(t);
    }
    for (float t : new float[] {1e-30f, -1e-30f, 1e-8f, -1e-8f, 3e-5f, Float.MIN_NORMAL, 0f}) {
      assertLog1p(t);
    }
  }

  private static final float EXP_RANGE_TESTED = ElementWiseMath.EXP_RANGE;

  private static void assertLog1p(float t) {
    double ref = Math.log1p(t);
    float got = ElementWiseMath.log1pf(t);
    assertTrue(Math.abs(got - ref) <= 2 * Math.ulp((float) ref), "log1p(" + t + ") = " + got);
  }

  @Test
  void vectorAndScalarAgreeBitForBit() {
    SplittableRandom r = new SplittableRandom(4);
    int n = 100_003;
    float[] x = new float[n];
    float[] g = new float[n];
    float[] u = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (r.nextGaussian() * (i % 3 == 0 ? 40 : 4));
      g[i] = (float) r.nextGaussian();
      u[i] = (float) r.nextDouble();
    }
    x[5000] = Float.NaN;   // a block that takes the scalar path in the vector loop
    x[6000] = -120f;
    float[][] results = new float[2][];
    for (int k = 0; k < 2; k++) {
      ElementWiseMath m = BOTH[k];
      float[] sp = new float[n];
      float[] sg = new float[n];
      float[] lap = u.clone();
      float[] th = new float[n];
      float[] sm = new float[n];
      tanh(m, x, th, n);
      m.sigmoid(x, sm, n);
      softplus(m, x, sp, n);
      sigmoidTimes(m, x, g, sg, n);
      LAPLACE[k].laplaceFromUniform(lap, n, 0.499999f);
      results[k] = new float[5 * n];
      System.arraycopy(sp, 0, results[k], 0, n);
      System.arraycopy(sg, 0, results[k], n, n);
      System.arraycopy(lap, 0, results[k], 2 * n, n);
      System.arraycopy(th, 0, results[k], 3 * n, n);
      System.arraycopy(sm, 0, results[k], 4 * n, n);
    }
    for (int i = 0; i < results[0].length; i++) {
      int a = Float.floatToRawIntBits(results[0][i]);
      int b = Float.floatToRawIntBits(results[1][i]);
      if (a != b) {
        String[] names = {"softplus", "sigmoidTimes", "laplaceFromUniform", "tanh", "sigmoid"};
        throw new AssertionError(names[i / n] + " at " + (i % n) + ": vector "
            + results[0][i] + ", scalar " + results[1][i]);
      }
    }
  }

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

  @Test
  void signedConstantIsMinusGTimesCopySignOfTheInverseScale() {
    float[] x = inputs(new SplittableRandom(6), 0.25f, -0f, 0f, Float.NaN, -Float.MIN_VALUE,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
    float g = 0.37f;
    float b = 0.8f;
    float m = 0.25f;
    for (LaplaceMath math : LAPLACE) {
      float[] out = new float[N];
      math.signedConstant(x, m, -g * (1f / b), out, N);
      for (int i = 0; i < N; i++) {
        float expected = -g * Math.copySign(1f / b, x[i] - m);
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(out[i]),
            math.describe() + " at x = " + x[i]);
      }
    }
  }
}
