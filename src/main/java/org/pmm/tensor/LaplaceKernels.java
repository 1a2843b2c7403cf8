package org.pmm.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Σ log Laplace(x | loc, scale) and its gradients in one pass each over float arrays
 * ({@link FloatKernels}); loc and scale are arrays of x's shape or scalars. The forward pass
 * needs no logarithm per element: Σ log scale is taken from the scales' binary exponents plus
 * one logarithm per 32 products of their mantissas. Partial sums are kept per chunk and added in
 * chunk order, so the result does not depend on how chunks were shared among threads.
 */
final class LaplaceKernels {
  private static final double LN2 = Math.log(2);

  private LaplaceKernels() {}

  /** Whether the kernels take these operands (dense floats; array parameters of x's shape). */
  static boolean applies(Tensor x, Tensor loc, Tensor scale) {
    INDArray[] in = inputs(x, loc, scale);
    return FloatKernels.applies(java.util.Arrays.stream(in).filter(a -> a != null)
        .toArray(INDArray[]::new));
  }

  /** x, loc and scale for {@link FloatKernels#run}: null for a scalar (filled per chunk). */
  private static INDArray[] inputs(Tensor x, Tensor loc, Tensor scale) {
    return new INDArray[] {x.value(), loc.length() == 1 ? null : loc.value(),
        scale.length() == 1 ? null : scale.value()};
  }

  /** Fills the slots of scalar parameters with their value. */
  private static void fillScalars(float[][] c, int n, Tensor loc, float m0, Tensor scale,
      float b) {
    if (loc.length() == 1) {
      java.util.Arrays.fill(c[1], 0, n, m0);
    }
    if (scale.length() == 1) {
      java.util.Arrays.fill(c[2], 0, n, b);
    }
  }

  /** Σ log Laplace(x | loc, scale). */
  static double logDensitySum(Tensor x, Tensor loc, Tensor scale) {
    long length = x.length();
    boolean locArray = loc.length() != 1;
    boolean scaleArray = scale.length() != 1;
    float m0 = loc.value().getFloat(0);
    float b = scale.value().getFloat(0);
    int chunks = (int) ((length + FloatKernels.CHUNK - 1) / FloatKernels.CHUNK);
    double[] standardised = new double[chunks];
    double[] logScale = new double[chunks];
    FloatKernels.run(length, (lo, n, c) -> {
      int chunk = (int) (lo / FloatKernels.CHUNK);
      if (!locArray && !scaleArray) {   // a prior: Σ|x − m| / b, no division per element
        standardised[chunk] = sumOfDistances(c[0], n, m0) / b;
        return;
      }
      fillScalars(c, n, loc, m0, scale, b);
      standardised[chunk] = sumOfStandardised(c[0], c[1], c[2], n);
      if (scaleArray) {
        logScale[chunk] = sumOfLogs(c[2], n);
      }
    }, inputs(x, loc, scale), new INDArray[0]);
    double total = 0;
    for (int k = 0; k < chunks; k++) {
      total -= standardised[k] + logScale[k];
    }
    double logTwoScale = scaleArray ? length * LN2 : length * Math.log(2.0 * b);
    return total - logTwoScale;
  }

  /** Whether {@link #reparamLogDensitySum} takes these operands (dense floats). */
  static boolean appliesReparam(Tensor eps, Tensor scale) {
    return scale.length() == 1 ? FloatKernels.applies(eps.value())
        : FloatKernels.applies(eps.value(), scale.value());
  }

  /** −Σ|ε| − Σ log(2·scale): the density of loc + scale·ε, in one pass over ε and scale. */
  static double reparamLogDensitySum(Tensor eps, Tensor scale) {
    long length = eps.length();
    boolean scaleArray = scale.length() != 1;
    int chunks = (int) ((length + FloatKernels.CHUNK - 1) / FloatKernels.CHUNK);
    double[] partial = new double[chunks];
    FloatKernels.run(length, (lo, n, c) -> {
      double sum = sumOfDistances(c[0], n, 0f);
      if (scaleArray) {
        sum += sumOfLogs(c[1], n);
      }
      partial[(int) (lo / FloatKernels.CHUNK)] = sum;
    }, scaleArray ? new INDArray[] {eps.value(), scale.value()} : new INDArray[] {eps.value()},
        new INDArray[0]);
    double logTwoScale = scaleArray ? length * LN2
        : length * Math.log(2.0 * scale.value().getFloat(0));
    return -sum(partial, chunks) - logTwoScale;
  }

  /** d/dscale of {@code up ·} {@link #reparamLogDensitySum}: −up/scale per element. */
  static void reparamBackward(Tensor eps, Tensor scale, double up) {
    if (!scale.requiresGrad()) {
      return;
    }
    if (scale.length() == 1) {
      double b = scale.value().getDouble(0);
      scale.accumulate(scalar(eps, -up * eps.length() / b, scale), true);
      return;
    }
    INDArray ds = uninitialised(scale);
    float g = (float) up;
    FloatKernels.run(scale.length(), (lo, n, c) -> {
      float[] ss = c[0];
      float[] gs = c[1];
      for (int i = 0; i < n; i++) {
        gs[i] = -g / ss[i];
      }
    }, new INDArray[] {scale.value()}, new INDArray[] {ds});
    scale.accumulate(ds, true);
  }

  // The sums below keep four independent partial sums (or products): one running sum would make
  // every addition wait for the previous one, four times slower than the loop's other work.

  /** Σ |x[i] − m|. */
  private static double sumOfDistances(float[] xs, int n, float m) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += Math.abs(xs[i] - m);
      s1 += Math.abs(xs[i + 1] - m);
      s2 += Math.abs(xs[i + 2] - m);
      s3 += Math.abs(xs[i + 3] - m);
    }
    for (; i < n; i++) {
      s0 += Math.abs(xs[i] - m);
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Σ |x[i] − m[i]| / s[i]. */
  private static double sumOfStandardised(float[] xs, float[] ms, float[] ss, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += Math.abs(xs[i] - ms[i]) / ss[i];
      s1 += Math.abs(xs[i + 1] - ms[i + 1]) / ss[i + 1];
      s2 += Math.abs(xs[i + 2] - ms[i + 2]) / ss[i + 2];
      s3 += Math.abs(xs[i + 3] - ms[i + 3]) / ss[i + 3];
    }
    for (; i < n; i++) {
      s0 += Math.abs(xs[i] - ms[i]) / ss[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * Σ log s[i] for positive floats, from exponents and mantissa products: four running products
   * of mantissas in [1, 2), logged every {@link #LOG_EVERY} elements (each product stays below
   * 2^32), and a logarithm of its own for a subnormal, infinite or NaN value.
   */
  private static double sumOfLogs(float[] s, int n) {
    long exponents = 0;
    double logs = 0;
    for (int start = 0; start < n; start += LOG_EVERY) {
      int end = Math.min(n, start + LOG_EVERY);
      double p0 = 1;
      double p1 = 1;
      double p2 = 1;
      double p3 = 1;
      int i = start;
      for (; i + 3 < end; i += 4) {
        int b0 = Float.floatToRawIntBits(s[i]);
        int b1 = Float.floatToRawIntBits(s[i + 1]);
        int b2 = Float.floatToRawIntBits(s[i + 2]);
        int b3 = Float.floatToRawIntBits(s[i + 3]);
        if (special(b0) || special(b1) || special(b2) || special(b3)) {
          break;   // finish this block one element at a time
        }
        exponents += exponent(b0) + exponent(b1) + exponent(b2) + exponent(b3);
        p0 *= mantissa(b0);
        p1 *= mantissa(b1);
        p2 *= mantissa(b2);
        p3 *= mantissa(b3);
      }
      for (; i < end; i++) {
        int bits = Float.floatToRawIntBits(s[i]);
        if (special(bits)) {
          logs += Math.log(s[i]);
        } else {
          exponents += exponent(bits);
          p0 *= mantissa(bits);
        }
      }
      logs += Math.log((p0 * p1) * (p2 * p3));
    }
    return logs + exponents * LN2;
  }

  /** Elements per logged block of {@link #sumOfLogs}: 32 per running product. */
  private static final int LOG_EVERY = 128;

  /** Zero or subnormal (exponent bits 0), infinite or NaN (all ones): no exponent to split. */
  private static boolean special(int bits) {
    int e = (bits >>> 23) & 0xff;
    return e == 0 || e == 0xff;
  }

  private static int exponent(int bits) {
    return ((bits >>> 23) & 0xff) - 127;
  }

  private static double mantissa(int bits) {
    return Float.intBitsToFloat((bits & 0x7fffff) | 0x3f800000);
  }

  /**
   * Gradients of {@code up · Σ log Laplace(x | loc, scale)} for the operands that need one:
   * d/dx = −up·sign(x − loc)/scale, d/dloc = −d/dx, d/dscale = up·(|x − loc|/scale − 1)/scale.
   */
  static void backward(Tensor x, Tensor loc, Tensor scale, double up) {
    long length = x.length();
    boolean locArray = loc.length() != 1;
    boolean scaleArray = scale.length() != 1;
    float m0 = loc.value().getFloat(0);
    float b = scale.value().getFloat(0);
    INDArray dx = x.requiresGrad() ? uninitialised(x) : null;
    INDArray dloc = loc.requiresGrad() && locArray ? uninitialised(x) : null;
    INDArray dscale = scale.requiresGrad() && scaleArray ? uninitialised(x) : null;
    boolean sumLoc = loc.requiresGrad() && !locArray;
    boolean sumScale = scale.requiresGrad() && !scaleArray;
    int chunks = (int) ((length + FloatKernels.CHUNK - 1) / FloatKernels.CHUNK);
    double[] locSums = new double[chunks];
    double[] scaleSums = new double[chunks];
    float g = (float) up;
    if (!locArray && !scaleArray && !loc.requiresGrad() && !scale.requiresGrad()) {
      if (dx != null) {   // a prior's: −up·sign(x − m)/b
        float constant = -g * (1f / b);
        ArrayMath math = ArrayMath.get();
        FloatKernels.run(length, (lo, n, c) -> math.signedConstant(c[0], m0, constant, c[1], n),
            new INDArray[] {x.value()}, new INDArray[] {dx});
        x.accumulate(dx, true);
      }
      return;
    }
    FloatKernels.run(length, (lo, n, c) -> {
      fillScalars(c, n, loc, m0, scale, b);
      float[] xs = c[0];
      float[] ms = c[1];
      float[] ss = c[2];
      float[] gx = c[3];
      float[] gl = c[4];
      float[] gs = c[5];
      for (int i = 0; i < n; i++) {
        float d = xs[i] - ms[i];
        float inv = 1f / ss[i];
        // copySign, not signum: three times faster here; at x = loc exactly it takes a
        // subgradient of ±1/scale instead of 0 (a measure-zero event for sampled weights)
        float dxi = -g * Math.copySign(inv, d);
        gx[i] = dxi;
        gl[i] = -dxi;
        gs[i] = g * (Math.abs(d) * inv - 1f) * inv;
      }
      int chunk = (int) (lo / FloatKernels.CHUNK);
      if (sumLoc) {
        locSums[chunk] = sum(gl, n);
      }
      if (sumScale) {
        scaleSums[chunk] = sum(gs, n);
      }
    }, inputs(x, loc, scale), new INDArray[] {dx, dloc, dscale});
    if (scale.requiresGrad()) {
      scale.accumulate(scaleArray ? dscale : scalar(x, sum(scaleSums, chunks), scale), true);
    }
    if (loc.requiresGrad()) {
      loc.accumulate(locArray ? dloc : scalar(x, sum(locSums, chunks), loc), true);
    }
    if (dx != null) {
      x.accumulate(dx, true);
    }
  }

  private static INDArray uninitialised(Tensor like) {
    return Memory.uninitializedLike(like.value());
  }

  private static INDArray scalar(Tensor x, double value, Tensor shapeOf) {
    return Nd4j.scalar(x.dataType(), value).reshape(shapeOf.shape());
  }

  private static double sum(float[] values, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += values[i];
    }
    return s;
  }

  private static double sum(double[] partials, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += partials[i];
    }
    return s;
  }
}
