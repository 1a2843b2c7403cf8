package org.pmm.tensor;

import java.nio.ByteBuffer;

/**
 * Element-wise float math of a training step: the transcendental functions (softplus, tanh,
 * sigmoid, the Laplace inverse CDF), the bit-pattern scans of {@link ValueChecks}, Adam's update,
 * gradient accumulations, bias additions, column sums, dropout and batch normalisation's passes.
 * Most work in place on ranges of ND4J's native buffers (split by {@link FloatKernels#byRanges},
 * {@code byRows} or {@code byColumns}); those still used on heap chunks ({@link FloatKernels#run}:
 * the gated mixture, Laplace noise and densities, sigmoid) take float arrays. Two
 * implementations give bit-identical results: {@link VectorArrayMath}
 * with the JDK's Vector API (16 floats per instruction with AVX-512), used when the JVM runs
 * with {@code --add-modules jdk.incubator.vector} (the launcher and the tests do), and
 * {@link ScalarArrayMath}, one element at a time, otherwise. ND4J computes the same functions for
 * arrays FloatKernels does not take (views, doubles, a GPU's memory).
 *
 * <p>exp and log1p are computed here from additions, multiplications and exponent bits (Cody-Waite
 * range reduction and the minimax polynomials of the Cephes library: exp and log1p within 2 ulps,
 * softplus, tanh and sigmoid within 4, as {@code ArrayMathTest} checks), not with the Vector
 * API's EXP and LOG1P: with those, a resumed cycle no longer matched an uninterrupted one bit for
 * bit ({@code CycleResumeTest} failed), most likely because their Java fallback (interpreted
 * code) and the SIMD library behind them (compiled code) round differently, so that results
 * depend on when the JIT compiles a method. Basic IEEE operations round the same everywhere, so
 * results are repeatable bit for bit, with or without SIMD.
 *
 * <pre>{@code
 * ArrayMath.get().sigmoid(x, y, n);          // y[i] = 1 / (1 + exp(-x[i])), i < n (heap arrays)
 * ArrayMath.get().softplus(xb, yb, lo, hi);  // the same for softplus on native buffers
 * }</pre>
 */
abstract class ArrayMath {

  /** |x| up to which {@link #expf} is used directly; beyond, a double-precision fallback. */
  static final float EXP_RANGE = 80f;

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

  /** The vectorised implementation when the Vector API is available, else the scalar one. */
  static ArrayMath get() {
    return Instance.MATH;
  }

  /** Which implementation {@link #get} returns: "vector (16 floats)" or "scalar". */
  abstract String describe();

  /**
   * {@code y = softplus(x) = max(x, 0) + log1p(exp(-|x|))} over the floats [lo, hi) of native
   * buffers (byte offset 4 · index), stable for every x (no overflow above, no rounding to 0
   * below); {@code y} may be {@code x}.
   */
  abstract void softplus(ByteBuffer x, ByteBuffer y, int lo, int hi);

  /**
   * {@code out = g * sigmoid(x) = g / (1 + exp(-x))} over the floats [lo, hi) of native
   * buffers; {@code out} may be {@code x} or {@code g}.
   */
  abstract void sigmoidTimes(ByteBuffer x, ByteBuffer g, ByteBuffer out, int lo, int hi);

  /** {@code y = tanh(x)} over the floats [lo, hi) of native buffers; {@code y} may be {@code x}. */
  abstract void tanh(ByteBuffer x, ByteBuffer y, int lo, int hi);

  /**
   * tanh's input gradient from its output: {@code out = g · (1 - y·y)} over the floats
   * [lo, hi) of native buffers; {@code out} may be {@code y} or {@code g}.
   */
  abstract void tanhGradient(ByteBuffer y, ByteBuffer g, ByteBuffer out, int lo, int hi);

  /** {@code y = sigmoid(x) = 1 / (1 + exp(-x))}; {@code y} may be {@code x}. */
  abstract void sigmoid(float[] x, float[] y, int n);

  /**
   * Standard Laplace draws from uniform ones, in place: {@code v = u (2h) - h} for u in [0, 1),
   * then {@code -sign(v) log1p(-2|v|)}; {@code h < 1/2} keeps the logarithm finite.
   */
  abstract void laplaceFromUniform(float[] u, int n, float h);

  /**
   * {@code out = c} where {@code x - m} has no sign bit, {@code -c} where it has: the gradient
   * {@code c · sign(x - m)} of a Laplace density with scalar parameters, exactly
   * {@code -g · copySign(1/b, x - m)} for {@code c = -g/b}.
   */
  abstract void signedConstant(float[] x, float m, float c, float[] out, int n);

  /**
   * The largest {@code floatToRawIntBits(x) & 0x7fffffff} over the floats [lo, hi) of a native
   * buffer (byte offset 4 · index): at least infinity's iff one is non-finite.
   */
  abstract int maxMagnitudeBits(ByteBuffer x, int lo, int hi);

  /**
   * The smallest and the largest {@code floatToRawIntBits(x)} over the floats [lo, hi) of a
   * native buffer, as signed integers, into {@code minMax[0]} and {@code minMax[1]} (negative
   * values and -0 have the sign bit set, so their integers are negative; NaNs lie above
   * infinity).
   */
  abstract void minMaxBits(ByteBuffer x, int lo, int hi, int[] minMax);

  /**
   * {@code out = x·c}, or {@code out = out + x·c} when {@code accumulate}, over the floats
   * [lo, hi) of native buffers (a product then a sum, no fused multiply-add: the bits of
   * ND4J's {@code out.addi(x.mul(c))}).
   */
  abstract void addScaled(ByteBuffer x, float c, ByteBuffer out, boolean accumulate, int lo,
      int hi);

  /**
   * {@code out = a·b}, or {@code out = out + a·b} when {@code accumulate}, element-wise over the
   * floats [lo, hi) of native buffers (the bits of ND4J's {@code out.addi(a.mul(b))}).
   */
  abstract void addProduct(ByteBuffer a, ByteBuffer b, ByteBuffer out, boolean accumulate,
      int lo, int hi);

  /**
   * For the rows [rowLo, rowHi) of a matrix {@code out} with {@code cols} columns:
   * {@code out(r, j) = g(r, offset + j)}, or {@code out(r, j) += g(r, offset + j)} when
   * {@code accumulate}, where g has {@code gCols} columns (the gradient of one part of a
   * concatenation along columns).
   */
  abstract void addColumns(ByteBuffer g, int gCols, int offset, ByteBuffer out, int cols,
      boolean accumulate, int rowLo, int rowHi);

  /**
   * For the rows [rowLo, rowHi) of a matrix {@code out} with {@code cols} columns:
   * {@code out(r, j) += row(j)} (a bias added to every row, the bits of ND4J's broadcast add).
   */
  abstract void addRow(ByteBuffer row, ByteBuffer out, int cols, int rowLo, int rowHi);

  /**
   * Adds the rows [0, rows) of the columns [c0, c0 + acc.length) of a matrix x with
   * {@code cols} columns to {@code acc}, one row after another (so both forms round alike).
   */
  abstract void addRowsInto(ByteBuffer x, int cols, int rows, int c0, float[] acc);

  /**
   * Inverted dropout over the floats [lo, hi): the uniform draws u become the mask in place,
   * {@code u = u < keep ? scale : 0}, and {@code y = x · u}.
   */
  abstract void dropout(ByteBuffer u, float keep, float scale, ByteBuffer x, ByteBuffer y,
      int lo, int hi);

  // ---------------------------------------------------------------- batch normalisation
  // Matrices [rows, cols] in native buffers; "column arrays" hold one value per column of the
  // range the method works on (c0 onwards), or of the whole width.

  /**
   * Batch norm's statistics over the rows [rowLo, rowHi) and the columns [c0, c0 + shift.length)
   * of x: {@code d = x − shift; s1 += d; s2 += d·d}, one row after another.
   */
  abstract void shiftedSums(ByteBuffer x, int cols, int rowLo, int rowHi, int c0, float[] shift,
      float[] s1, float[] s2);

  /** {@code y = (x − mean)·scale + offset} over the rows [rowLo, rowHi) (whole-width arrays). */
  abstract void normalise(ByteBuffer x, ByteBuffer y, int cols, int rowLo, int rowHi,
      float[] mean, float[] scale, float[] offset);

  /**
   * Batch norm backward's sums over the rows [rowLo, rowHi) and the columns [c0, c0 +
   * mean.length): {@code xhat = (x − mean)·inv; s1 += g; s2 += g·xhat}, row after row.
   */
  abstract void normalisedGradientSums(ByteBuffer g, ByteBuffer x, int cols, int rowLo,
      int rowHi, int c0, float[] mean, float[] inv, float[] s1, float[] s2);

  /**
   * Batch norm's input gradient over the rows [rowLo, rowHi) (whole-width arrays):
   * {@code dx = c·(batch·g − s1 − xhat·s2)} with {@code xhat = (x − mean)·inv}.
   */
  abstract void normalisedInputGradient(ByteBuffer g, ByteBuffer x, ByteBuffer dx, int cols,
      int rowLo, int rowHi, float batch, float[] mean, float[] inv, float[] c, float[] s1,
      float[] s2);

  /**
   * The constants of one Adam update (see {@link UpdateKernels#adam}): the betas and their
   * complements, the bias-corrected step size and epsilon, the gradient's clip bound and the
   * value's decay factor.
   */
  record AdamStep(float beta1, float beta2, float stepSize, float epsHat, float clip,
      float decay) {
    float c1() {
      return 1 - beta1;
    }

    float c2() {
      return 1 - beta2;
    }
  }

  /**
   * Adam's update of the floats [lo, hi) of {@code p} with gradient {@code g} and moments
   * {@code m}, {@code v}, in place in the arrays' memory (byte offset 4 · index, the machine's
   * order): see {@link #adam(float, float, float, float, AdamStep)}.
   */
  abstract void adam(ByteBuffer p, ByteBuffer g, ByteBuffer m, ByteBuffer v, int lo, int hi,
      AdamStep s);

  // ---------------------------------------------------------------- the scalar forms
  // Each is the exact operation sequence of the vector loops, so that both round alike; the
  // vector loops send a block with an argument outside the polynomials' range here.

  /** e^x for |x| ≤ {@link #EXP_RANGE}. */
  static float expf(float x) {
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
  static float log1pf(float t) {
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

  /**
   * One element of Adam's update: {@code gc = clamp(g, -clip, clip)},
   * {@code m' = β₁m + (1-β₁)gc}, {@code v' = β₂v + (1-β₂)gc·gc},
   * {@code p' = p·decay - stepSize·m' / (√v' + epsHat)}; writes m' and v' into {@code mv} and
   * returns p'.
   */
  static float adam(float p, float g, float m, float v, AdamStep s, float[] mv) {
    float gc = Math.max(-s.clip(), Math.min(s.clip(), g));
    float mi = s.beta1() * m + s.c1() * gc;
    float vi = s.beta2() * v + s.c2() * gc * gc;
    mv[0] = mi;
    mv[1] = vi;
    return p * s.decay() - s.stepSize() * mi / ((float) Math.sqrt(vi) + s.epsHat());
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

  static float signedConstant(float x, float m, int cBits) {
    return Float.intBitsToFloat(cBits ^ (Float.floatToRawIntBits(x - m) & 0x80000000));
  }

  static float laplaceFromUniform(float u, float h) {
    float v = u * (2f * h) - h;
    float l = log1pf(-2f * Math.abs(v));
    return v < 0 ? l : -l;
  }

  /**
   * The implementation in use, created on first use. A holder class, not a static field of
   * ArrayMath: the vector implementation runs its kernels when created, which needs its own
   * static fields, and a subclass's are set only after its superclass is initialised, so
   * creating it from ArrayMath's initialiser found them null when VectorArrayMath was the class
   * used first (as in ArrayMathTest run alone).
   */
  private static final class Instance {
    static final ArrayMath MATH =
        ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            ? VectorArrayMath.create()
            : new ScalarArrayMath();
  }
}
