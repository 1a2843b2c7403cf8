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
 * Both implementations of the element-wise kernel classes ({@link ElementWiseMath}, {@link
 * LaplaceMath}, {@link BitScans}; the array updates are in UpdateKernelMathTest) against
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
    return VectorApi.direct(values);
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
