package org.pmm.tensor.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise float functions: softplus, sigmoid and tanh with their gradients, and dropout's
 * mask (Laplace draws, which share log1p, are in {@link LaplaceMath}). Two implementations
 * give bit-identical results: {@link Vectorised} with the JDK's Vector API (16 floats per
 * instruction with AVX-512), used when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} (the launcher and the tests do), and {@link Scalar},
 * one element at a time, otherwise. ND4J computes the same functions for arrays the kernels do
 * not take (views, doubles, a GPU's memory).
 *
 * <p>exp and log1p are computed here from additions, multiplications and exponent bits
 * (Cody-Waite range reduction and the minimax polynomials of the Cephes library: exp and log1p
 * within 2 ulps, softplus, tanh and sigmoid within 4, as {@code KernelMathTest} checks), not with
 * the Vector API's EXP and LOG1P: their Java fallback (interpreted code) and the SIMD library
 * behind them (compiled code) round differently, so results would depend on when the JIT
 * compiles a method, and a resumed run would not repeat an uninterrupted one bit for bit. Basic
 * IEEE operations round the same everywhere, so results are repeatable bit for bit, with or
 * without SIMD.
 *
 * <pre>{@code
 * ElementWiseMath.get().sigmoid(x, y, n);          // y[i] = 1 / (1 + exp(-x[i])), i < n (heap)
 * ElementWiseMath.get().softplus(xb, yb, lo, hi);  // the same for softplus on native buffers
 * }</pre>
 */
public abstract class ElementWiseMath {

  /** |x| up to which {@link #expf} is used directly; beyond, a double-precision fallback. */
  public static final float EXP_RANGE = 80f;

  static final float LOG2E = 1.44269504088896341f;
  /** Round-to-integer by adding and subtracting 1.5 · 2^23 (exact for |y| < 2^22). */
  static final float ROUNDER = 12582912f;
  static final float LN2_HI = 0.693359375f;
  static final float LN2_LO = -2.12194440e-4f;
  static final float SQRT_HALF = 0.707106781186547524f;

  /** |x| above which tanh is computed from exp, below from an odd polynomial. */
  static final float TANH_SMALL = 0.625f;

  // tanh(x) - x ≈ x³ · T(x²) on |x| ≤ 0.625 (Cephes tanhf)
  static final float T0 = -5.70498872745e-3f;
  static final float T1 = 2.06390887954e-2f;
  static final float T2 = -5.37397155531e-2f;
  static final float T3 = 1.33314422036e-1f;
  static final float T4 = -3.33332819422e-1f;

  // exp(r) - 1 - r ≈ r² · P(r) on |r| ≤ ln2 / 2 (Cephes expf)
  static final float E0 = 1.9875691500e-4f;
  static final float E1 = 1.3981999507e-3f;
  static final float E2 = 8.3334519073e-3f;
  static final float E3 = 4.1665795894e-2f;
  static final float E4 = 1.6666665459e-1f;
  static final float E5 = 5.0000001201e-1f;

  // log(1 + x) - x + x²/2 ≈ x³ · Q(x) on sqrt(1/2) - 1 ≤ x < sqrt(2) - 1 (Cephes logf)
  static final float L0 = 7.0376836292e-2f;
  static final float L1 = -1.1514610310e-1f;
  static final float L2 = 1.1676998740e-1f;
  static final float L3 = -1.2420140846e-1f;
  static final float L4 = 1.4249322787e-1f;
  static final float L5 = -1.6668057665e-1f;
  static final float L6 = 2.0000714765e-1f;
  static final float L7 = -2.4999993993e-1f;
  static final float L8 = 3.3333331174e-1f;

  ElementWiseMath() {}

  /** The vectorised implementation when the Vector API is available, else the scalar one. */
  public static ElementWiseMath get() {
    return KernelSet.ELEMENT_WISE;
  }

  /** Which implementation {@link #get} returns: "vector (16 floats)" or "scalar". */
  public abstract String describe();

  /**
   * {@code y = softplus(x) = max(x, 0) + log1p(exp(-|x|))} over the floats [lo, hi) of native
   * buffers (byte offset 4 · index), stable for every x (no overflow above, no rounding to 0
   * below); {@code y} may be {@code x}.
   */
  public abstract void softplus(ByteBuffer x, ByteBuffer y, int lo, int hi);

  /**
   * {@code out = g * sigmoid(x) = g / (1 + exp(-x))} over the floats [lo, hi) of native
   * buffers; {@code out} may be {@code x} or {@code g}.
   */
  public abstract void sigmoidTimes(ByteBuffer x, ByteBuffer g, ByteBuffer out, int lo, int hi);

  /** {@code y = tanh(x)} over the floats [lo, hi) of native buffers; {@code y} may be {@code x}. */
  public abstract void tanh(ByteBuffer x, ByteBuffer y, int lo, int hi);

  /**
   * tanh's input gradient from its output: {@code out = g · (1 - y·y)} over the floats
   * [lo, hi) of native buffers; {@code out} may be {@code y} or {@code g}.
   */
  public abstract void tanhGradient(ByteBuffer y, ByteBuffer g, ByteBuffer out, int lo, int hi);

  /** {@code y = sigmoid(x) = 1 / (1 + exp(-x))}; {@code y} may be {@code x}. */
  public abstract void sigmoid(float[] x, float[] y, int n);

  /**
   * Inverted dropout over the floats [lo, hi): the uniform draws u become the mask in place,
   * {@code u = u < keep ? scale : 0}, and {@code y = x · u}.
   */
  public abstract void dropout(ByteBuffer u, float keep, float scale, ByteBuffer x, ByteBuffer y,
      int lo, int hi);

  // ---------------------------------------------------------------- the scalar forms
  // Each is the exact operation sequence of the vector loops, so that both round alike; the
  // vector loops send a block with an argument outside the polynomials' range here.

  /** e^x for |x| ≤ {@link #EXP_RANGE}. */
  public static float expf(float x) {
    float t = x * LOG2E + ROUNDER;
    float k = t - ROUNDER;
    int ki = Float.floatToRawIntBits(t) - Float.floatToRawIntBits(ROUNDER);
    float r = Math.fma(-k, LN2_HI, x);
    r = Math.fma(-k, LN2_LO, r);
    float p = E0 * r + E1;
    p = p * r + E2;
    p = p * r + E3;
    p = p * r + E4;
    p = p * r + E5;
    float y = p * (r * r) + r + 1f;
    return y * Float.intBitsToFloat((ki + 127) << 23);
  }

  /** log(1 + t) for -1 < t (1 + t a normal float), with the rounding of 1 + t corrected. */
  public static float log1pf(float t) {
    float u = 1f + t;
    float correction = (t - (u - 1f)) / u;
    int bits = Float.floatToRawIntBits(u);
    int e = (bits >>> 23) - 126;
    float m = Float.intBitsToFloat((bits & 0x007fffff) | 0x3f000000);   // in [1/2, 1)
    float x;
    if (m < SQRT_HALF) {
      e -= 1;
      x = m + m - 1f;
    } else {
      x = m - 1f;
    }
    float z = x * x;
    float q = L0 * x + L1;
    q = q * x + L2;
    q = q * x + L3;
    q = q * x + L4;
    q = q * x + L5;
    q = q * x + L6;
    q = q * x + L7;
    q = q * x + L8;
    float fe = e;
    float y = q * x * z + fe * LN2_LO - 0.5f * z;
    return x + y + fe * LN2_HI + correction;
  }

  static float softplus(float x) {
    float a = Math.abs(x);
    if (!(a <= EXP_RANGE)) {   // e^-|x| < 2e-35: softplus is max(x, 0) plus that, or NaN
      return (float) (Math.max(x, 0.0) + Math.exp(-(double) a));
    }
    return Math.max(x, 0f) + log1pf(expf(-a));
  }

  static float sigmoidTimes(float x, float g) {
    if (!(Math.abs(x) <= EXP_RANGE)) {
      return (float) (g / (1.0 + Math.exp(-(double) x)));
    }
    return g / (1f + expf(-x));
  }

  /**
   * tanh(x): 1 - 2 / (e^2|x| + 1) with x's sign above {@link #TANH_SMALL} (2|x| capped at
   * {@link #EXP_RANGE}, where the result is 1 in float), the polynomial below; NaN stays NaN.
   */
  static float tanhf(float x) {
    float z = Math.abs(x);
    float large = 1f - 2f / (expf(Math.min(z + z, EXP_RANGE)) + 1f);
    float s = x * x;
    float p = T0 * s + T1;
    p = p * s + T2;
    p = p * s + T3;
    p = p * s + T4;
    float small = p * s * x + x;
    return z > TANH_SMALL ? (x < 0 ? -large : large) : small;
  }

  static float sigmoid(float x) {
    if (!(Math.abs(x) <= EXP_RANGE)) {
      return (float) (1.0 / (1.0 + Math.exp(-(double) x)));
    }
    return 1f / (1f + expf(-x));
  }


  /**
   * One element at a time, for a JVM without the Vector API; its range forms also finish the
   * ranges {@link Vectorised}'s loops leave (a tail shorter than a vector, a block outside a
   * polynomial's range), so that both round alike.
   */
  public static class Scalar extends ElementWiseMath {
    @Override
    public String describe() {
      return "scalar";
    }

    @Override
    public void softplus(ByteBuffer x, ByteBuffer y, int lo, int hi) {
      for (int i = lo; i < hi; i++) {
        y.putFloat(4 * i, softplus(x.getFloat(4 * i)));
      }
    }

    @Override
    public void sigmoidTimes(ByteBuffer x, ByteBuffer g, ByteBuffer out, int lo, int hi) {
      for (int i = lo; i < hi; i++) {
        out.putFloat(4 * i, sigmoidTimes(x.getFloat(4 * i), g.getFloat(4 * i)));
      }
    }

    @Override
    public void tanh(ByteBuffer x, ByteBuffer y, int lo, int hi) {
      for (int i = lo; i < hi; i++) {
        y.putFloat(4 * i, tanhf(x.getFloat(4 * i)));
      }
    }

    @Override
    public void tanhGradient(ByteBuffer y, ByteBuffer g, ByteBuffer out, int lo, int hi) {
      for (int i = lo; i < hi; i++) {
        float yi = y.getFloat(4 * i);
        out.putFloat(4 * i, g.getFloat(4 * i) * (1f - yi * yi));
      }
    }

    @Override
    public void sigmoid(float[] x, float[] y, int n) {
      for (int i = 0; i < n; i++) {
        y[i] = sigmoid(x[i]);
      }
    }

    @Override
    public void dropout(ByteBuffer u, float keep, float scale, ByteBuffer x, ByteBuffer y,
        int lo, int hi) {
      for (int i = lo; i < hi; i++) {
        float mask = u.getFloat(4 * i) < keep ? scale : 0f;
        u.putFloat(4 * i, mask);
        y.putFloat(4 * i, x.getFloat(4 * i) * mask);
      }
    }
  }

  /**
   * With the JDK's Vector API: the widest float vectors of the CPU (16 lanes with AVX-512, 8
   * with AVX2), exp and log1p as the scalar forms compute them. Loaded only when the module is
   * in the JVM.
   */
  public static final class Vectorised extends Scalar {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private Vectorised() {}

    /** A new instance, its kernels run once ({@link #touchEveryPath}). */
    public static Vectorised create() {
      Vectorised math = new Vectorised();
      math.touchEveryPath();
      return math;
    }

    /**
     * Runs every kernel once on a few vectors whose lanes take every path (within and beyond the
     * polynomials' range, both branches of each blend), so that the JDK's vector, mask and
     * shuffle classes these kernels use are loaded and initialised before the JIT compiles any
     * of them: the Vector API's intrinsics give up on a class the optimising compiler finds not
     * yet initialised, and code compiled so allocates every vector on the heap for the rest of
     * the run.
     */
    private void touchEveryPath() {
      int n = 4 * F.length() + 3;
      float[] x = VectorApi.mixed(n, F.length());
      float[] g = VectorApi.falling(n);
      float[] y = new float[n];
      sigmoid(x, y, n);
      ByteBuffer b = VectorApi.direct(x);
      ByteBuffer gb = VectorApi.direct(g);
      ByteBuffer yb = VectorApi.direct(new float[n]);
      softplus(b, yb, 0, n);
      tanh(b, yb, 0, n);
      tanhGradient(b, gb, yb, 1, n);
      sigmoidTimes(b, gb, yb, 1, n);
      dropout(gb, 0.5f, 2f, b, VectorApi.direct(new float[n]), 1, n);
    }

    @Override
    public String describe() {
      return "vector (" + F.length() + " floats)";
    }

    @Override
    public void softplus(ByteBuffer x, ByteBuffer y, int lo, int hi) {
      int i = lo;
      for (int end = lo + F.loopBound(hi - lo); i < end; i += F.length()) {
        FloatVector v = FloatVector.fromByteBuffer(F, x, 4 * i, ORDER);
        if (!withinExpRange(v)) {
          super.softplus(x, y, i, i + F.length());
          continue;
        }
        v.max(0f).add(log1p(exp(v.abs().neg()))).intoByteBuffer(y, 4 * i, ORDER);
      }
      super.softplus(x, y, i, hi);
    }

    @Override
    public void sigmoidTimes(ByteBuffer x, ByteBuffer g, ByteBuffer out, int lo, int hi) {
      int i = lo;
      for (int end = lo + F.loopBound(hi - lo); i < end; i += F.length()) {
        FloatVector v = FloatVector.fromByteBuffer(F, x, 4 * i, ORDER);
        if (!withinExpRange(v)) {
          super.sigmoidTimes(x, g, out, i, i + F.length());
          continue;
        }
        FloatVector.fromByteBuffer(F, g, 4 * i, ORDER).div(exp(v.neg()).add(1f))
            .intoByteBuffer(out, 4 * i, ORDER);
      }
      super.sigmoidTimes(x, g, out, i, hi);
    }

    @Override
    public void tanh(ByteBuffer x, ByteBuffer y, int lo, int hi) {
      int i = lo;
      for (int end = lo + F.loopBound(hi - lo); i < end; i += F.length()) {
        FloatVector v = FloatVector.fromByteBuffer(F, x, 4 * i, ORDER);
        FloatVector z = v.abs();
        FloatVector e = exp(z.add(z).min(EXP_RANGE));
        FloatVector large = FloatVector.broadcast(F, 1f)
            .sub(FloatVector.broadcast(F, 2f).div(e.add(1f)));
        FloatVector s = v.mul(v);
        FloatVector p = s.mul(T0).add(T1);
        p = p.mul(s).add(T2);
        p = p.mul(s).add(T3);
        p = p.mul(s).add(T4);
        FloatVector small = p.mul(s).mul(v).add(v);
        FloatVector signed = large.blend(large.neg(), v.compare(VectorOperators.LT, 0f));
        small.blend(signed, z.compare(VectorOperators.GT, TANH_SMALL))
            .intoByteBuffer(y, 4 * i, ORDER);
      }
      super.tanh(x, y, i, hi);
    }

    @Override
    public void tanhGradient(ByteBuffer y, ByteBuffer g, ByteBuffer out, int lo, int hi) {
      int i = lo;
      for (int end = lo + F.loopBound(hi - lo); i < end; i += F.length()) {
        FloatVector yi = FloatVector.fromByteBuffer(F, y, 4 * i, ORDER);
        FloatVector.fromByteBuffer(F, g, 4 * i, ORDER)
            .mul(FloatVector.broadcast(F, 1f).sub(yi.mul(yi))).intoByteBuffer(out, 4 * i, ORDER);
      }
      super.tanhGradient(y, g, out, i, hi);
    }

    @Override
    public void sigmoid(float[] x, float[] y, int n) {
      int i = 0;
      for (int end = F.loopBound(n); i < end; i += F.length()) {
        FloatVector v = FloatVector.fromArray(F, x, i);
        if (!withinExpRange(v)) {
          for (int k = i; k < i + F.length(); k++) {
            y[k] = sigmoid(x[k]);
          }
          continue;
        }
        FloatVector.broadcast(F, 1f).div(exp(v.neg()).add(1f)).intoArray(y, i);
      }
      for (; i < n; i++) {
        y[i] = sigmoid(x[i]);
      }
    }

    @Override
    public void dropout(ByteBuffer u, float keep, float scale, ByteBuffer x, ByteBuffer y,
        int lo, int hi) {
      FloatVector zero = FloatVector.zero(F);
      FloatVector kept = FloatVector.broadcast(F, scale);
      int i = lo;
      for (int end = lo + F.loopBound(hi - lo); i < end; i += F.length()) {
        FloatVector draws = FloatVector.fromByteBuffer(F, u, 4 * i, ORDER);
        FloatVector mask = zero.blend(kept, draws.compare(VectorOperators.LT, keep));
        mask.intoByteBuffer(u, 4 * i, ORDER);
        FloatVector.fromByteBuffer(F, x, 4 * i, ORDER).mul(mask)
            .intoByteBuffer(y, 4 * i, ORDER);
      }
      super.dropout(u, keep, scale, x, y, i, hi);
    }

    /**
     * Whether every lane lies within {@link #EXP_RANGE} of 0 (NaN does not): the vector loops
     * send a block with a lane outside to the scalar forms, which handle it exactly.
     */
    private static boolean withinExpRange(FloatVector v) {
      return v.abs().compare(VectorOperators.LE, EXP_RANGE).allTrue();
    }

    /** {@link #expf}, lane by lane, for |x| ≤ {@link #EXP_RANGE}. */
    private static FloatVector exp(FloatVector x) {
      FloatVector t = x.mul(LOG2E).add(ROUNDER);
      FloatVector k = t.sub(ROUNDER);
      IntVector ki = t.reinterpretAsInts().sub(Float.floatToRawIntBits(ROUNDER));
      FloatVector negK = k.neg();
      FloatVector r = negK.fma(FloatVector.broadcast(F, LN2_HI), x);
      r = negK.fma(FloatVector.broadcast(F, LN2_LO), r);
      FloatVector p = r.mul(E0).add(E1);
      p = p.mul(r).add(E2);
      p = p.mul(r).add(E3);
      p = p.mul(r).add(E4);
      p = p.mul(r).add(E5);
      FloatVector y = p.mul(r.mul(r)).add(r).add(1f);
      FloatVector scale = ki.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
      return y.mul(scale);
    }

    /** {@link #log1pf}, lane by lane (also for {@link LaplaceMath}'s draws). */
    static FloatVector log1p(FloatVector t) {
      FloatVector u = t.add(1f);
      FloatVector correction = t.sub(u.sub(1f)).div(u);
      IntVector bits = u.reinterpretAsInts();
      IntVector e = bits.lanewise(VectorOperators.LSHR, 23).sub(126);
      FloatVector m = bits.and(0x007fffff).or(0x3f000000).reinterpretAsFloats();
      VectorMask<Float> small = m.compare(VectorOperators.LT, SQRT_HALF);
      // e as a float by the rounding constant's bits rather than convert(I2F), and e − 1 by a
      // blend rather than a mask cast and masked subtraction: with JDK 17 on AVX-512, those
      // two are not compiled to vector instructions and box every vector
      FloatVector fe0 = e.add(Float.floatToRawIntBits(ROUNDER)).reinterpretAsFloats()
          .sub(ROUNDER);
      FloatVector fe = fe0.blend(fe0.sub(1f), small);
      FloatVector x = m.sub(1f).blend(m.add(m).sub(1f), small);
      FloatVector z = x.mul(x);
      FloatVector q = x.mul(L0).add(L1);
      q = q.mul(x).add(L2);
      q = q.mul(x).add(L3);
      q = q.mul(x).add(L4);
      q = q.mul(x).add(L5);
      q = q.mul(x).add(L6);
      q = q.mul(x).add(L7);
      q = q.mul(x).add(L8);
      FloatVector y = q.mul(x).mul(z).add(fe.mul(LN2_LO)).sub(z.mul(0.5f));
      return x.add(y).add(fe.mul(LN2_HI)).add(correction);
    }
  }
}
