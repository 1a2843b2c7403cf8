package org.pmm.tensor.kernels;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.kernels.KernelThreads.Work;

/**
 * Whether arrays hold only finite (or only finite positive) values, as cheaply as possible:
 * these checks run on every gradient and every distribution parameter of every training step.
 * Dense float arrays are checked in one pass over their bit patterns, read in place from their
 * memory ({@link KernelThreads#byRanges}, {@link BitScans}):
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
public final class ValueChecks {
  private static final int INFINITY_BITS = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);

  private ValueChecks() {}

  /** True if any element is NaN or infinite. */
  public static boolean hasNonFinite(INDArray a) {
    if (a.length() == 0) {
      return false;
    }
    if (!DenseFloats.applies(a)) {
      return !Double.isFinite(a.sumNumber().doubleValue());
    }
    ByteBuffer x = DenseFloats.bytes(a);
    BitScans math = BitScans.get();
    AtomicInteger max = new AtomicInteger();
    KernelThreads.byRanges(Work.STREAMING, a.length(),
        (lo, hi) -> max.accumulateAndGet(math.maxMagnitudeBits(x, lo, hi), Math::max));
    return max.get() >= INFINITY_BITS;
  }

  /** True if every element is finite and greater than zero. */
  public static boolean allPositiveFinite(INDArray a) {
    if (a.length() == 0) {
      return true;
    }
    if (!DenseFloats.applies(a)) {
      return !hasNonFinite(a) && a.minNumber().doubleValue() > 0;
    }
    ByteBuffer x = DenseFloats.bytes(a);
    BitScans math = BitScans.get();
    AtomicInteger min = new AtomicInteger(Integer.MAX_VALUE);
    AtomicInteger max = new AtomicInteger(Integer.MIN_VALUE);
    KernelThreads.byRanges(Work.STREAMING, a.length(), (lo, hi) -> {
      int[] minMax = new int[2];
      math.minMaxBits(x, lo, hi, minMax);
      min.accumulateAndGet(minMax[0], Math::min);
      max.accumulateAndGet(minMax[1], Math::max);
    });
    return min.get() > 0 && max.get() < INFINITY_BITS;
  }
}
