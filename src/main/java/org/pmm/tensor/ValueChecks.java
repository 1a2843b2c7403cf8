package org.pmm.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Whether arrays hold only finite (or only finite positive) values, as cheaply as possible:
 * these checks run on every gradient and every distribution parameter of every training step.
 * Dense float arrays are checked in one pass over their bit patterns ({@link FloatKernels},
 * {@link ArrayMath}):
 * a float is finite when its bits without the sign are below those of infinity, and finite and
 * positive when its bits, read as a signed integer, lie strictly between 0 and those of infinity
 * (a sign bit makes the integer negative; NaNs lie above infinity). Integer maxima and minima
 * have no chain of dependent floating-point additions, unlike a sum, and cannot overflow to a
 * false alarm as a sum of large finite values can. Other arrays use ND4J reductions.
 *
 * <pre>{@code
 * if (ValueChecks.hasNonFinite(grad)) { ... }        // NaN or ±Infinity anywhere
 * if (!ValueChecks.allPositiveFinite(scale)) { ... } // a zero, negative, infinite or NaN scale
 * }</pre>
 */
final class ValueChecks {
  private static final int INFINITY_BITS = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);

  private ValueChecks() {}

  /** True if any element is NaN or infinite. */
  static boolean hasNonFinite(INDArray a) {
    if (a.length() == 0) {
      return false;
    }
    if (!FloatKernels.applies(a)) {
      return !Double.isFinite(a.sumNumber().doubleValue());
    }
    int[] maxima = perChunk(a.length());
    ArrayMath math = ArrayMath.get();
    FloatKernels.run(a.length(), (lo, n, c) ->
        maxima[(int) (lo / FloatKernels.CHUNK)] = math.maxMagnitudeBits(c[0], n),
        new INDArray[] {a}, new INDArray[0]);
    for (int m : maxima) {
      if (m >= INFINITY_BITS) {
        return true;
      }
    }
    return false;
  }

  /** True if every element is finite and greater than zero. */
  static boolean allPositiveFinite(INDArray a) {
    if (a.length() == 0) {
      return true;
    }
    if (!FloatKernels.applies(a)) {
      return !hasNonFinite(a) && a.minNumber().doubleValue() > 0;
    }
    int chunks = perChunk(a.length()).length;
    int[] minima = new int[chunks];
    int[] maxima = new int[chunks];
    ArrayMath math = ArrayMath.get();
    FloatKernels.run(a.length(), (lo, n, c) -> {
      int[] minMax = new int[2];
      math.minMaxBits(c[0], n, minMax);
      int chunk = (int) (lo / FloatKernels.CHUNK);
      minima[chunk] = minMax[0];
      maxima[chunk] = minMax[1];
    }, new INDArray[] {a}, new INDArray[0]);
    for (int k = 0; k < chunks; k++) {
      if (minima[k] <= 0 || maxima[k] >= INFINITY_BITS) {
        return false;
      }
    }
    return true;
  }

  private static int[] perChunk(long length) {
    return new int[(int) ((length + FloatKernels.CHUNK - 1) / FloatKernels.CHUNK)];
  }
}
