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
    boolean scaleArray = scale.length() != 1;
    float m0 = loc.value().getFloat(0);
    float b = scale.value().getFloat(0);
    int chunks = (int) ((length + FloatKernels.CHUNK - 1) / FloatKernels.CHUNK);
    double[] standardised = new double[chunks];
    double[] logScale = new double[chunks];
    FloatKernels.run(length, (lo, n, c) -> {
      fillScalars(c, n, loc, m0, scale, b);
      float[] xs = c[0];
      float[] ms = c[1];
      float[] ss = c[2];
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += Math.abs(xs[i] - ms[i]) / ss[i];
      }
      int chunk = (int) (lo / FloatKernels.CHUNK);
      standardised[chunk] = sum;
      if (scaleArray) {
        logScale[chunk] = sumOfLogs(ss, n);
      }
    }, inputs(x, loc, scale), new INDArray[0]);
    double total = 0;
    for (int k = 0; k < chunks; k++) {
      total -= standardised[k] + logScale[k];
    }
    double logTwoScale = scaleArray ? length * LN2 : length * Math.log(2.0 * b);
    return total - logTwoScale;
  }

  /** Σ log s[i] for positive floats, from exponents and mantissa products. */
  private static double sumOfLogs(float[] s, int n) {
    long exponents = 0;
    double logs = 0;
    double product = 1;
    for (int i = 0; i < n; i++) {
      int bits = Float.floatToRawIntBits(s[i]);
      int e = (bits >>> 23) & 0xff;
      if (e == 0 || e == 0xff) {
        logs += Math.log(s[i]); // subnormal, infinite or NaN: no exponent to split off
        continue;
      }
      exponents += e - 127;
      product *= Float.intBitsToFloat((bits & 0x7fffff) | 0x3f800000); // in [1, 2)
      if ((i & 31) == 31) {
        logs += Math.log(product);
        product = 1;
      }
    }
    return logs + Math.log(product) + exponents * LN2;
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
    return Nd4j.createUninitialized(like.dataType(), like.shape());
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
