package org.pmm.tensor.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Integer maxima and minima of float bit patterns over a range of a native buffer (byte offset
 * 4 · index), for {@link ValueChecks}. A {@link Vectorised} implementation with the Vector API
 * and a {@link Scalar} one give the same results.
 *
 * <pre>{@code
 * boolean nonFinite = BitScans.get().maxMagnitudeBits(x, 0, n) >= 0x7f800000;
 * }</pre>
 */
public abstract class BitScans {
  BitScans() {}

  /** The vectorised implementation when the Vector API is available, else the scalar one. */
  public static BitScans get() {
    return KernelSet.SCANS;
  }

  /**
   * The largest {@code floatToRawIntBits(x) & 0x7fffffff} over the floats [lo, hi) of a native
   * buffer: at least infinity's iff one is non-finite.
   */
  public abstract int maxMagnitudeBits(ByteBuffer x, int lo, int hi);

  /**
   * The smallest and the largest {@code floatToRawIntBits(x)} over the floats [lo, hi) of a
   * native buffer, as signed integers, into {@code minMax[0]} and {@code minMax[1]} (negative
   * values and -0 have the sign bit set, so their integers are negative; NaNs lie above
   * infinity).
   */
  public abstract void minMaxBits(ByteBuffer x, int lo, int hi, int[] minMax);

  /** Which implementation this is: "vector (16 floats)" or "scalar". */
  public abstract String describe();


  /** One element at a time; also the tails of {@link Vectorised}'s loops. */
  public static class Scalar extends BitScans {
    @Override
    public String describe() {
      return "scalar";
    }

    @Override
    public int maxMagnitudeBits(ByteBuffer x, int lo, int hi) {
      int max = 0;
      for (int i = lo; i < hi; i++) {
        max = Math.max(max, x.getInt(4 * i) & 0x7fffffff);
      }
      return max;
    }

    @Override
    public void minMaxBits(ByteBuffer x, int lo, int hi, int[] minMax) {
      int min = Integer.MAX_VALUE;
      int max = Integer.MIN_VALUE;
      for (int i = lo; i < hi; i++) {
        int bits = x.getInt(4 * i);
        min = Math.min(min, bits);
        max = Math.max(max, bits);
      }
      minMax[0] = min;
      minMax[1] = max;
    }
  }

  /** With the JDK's Vector API; loaded only when the module is in the JVM. */
  public static final class Vectorised extends Scalar {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private Vectorised() {}

    @Override
    public String describe() {
      return "vector (" + F.length() + " floats)";
    }

    /** A new instance, its kernels run once (see {@link ElementWiseMath.Vectorised#create}). */
    public static Vectorised create() {
      Vectorised math = new Vectorised();
      int n = 4 * F.length() + 3;
      ByteBuffer b = VectorApi.direct(VectorApi.mixed(n, F.length()));
      math.maxMagnitudeBits(b, 0, n);
      math.minMaxBits(b, 1, n, new int[2]);
      return math;
    }

    @Override
    public int maxMagnitudeBits(ByteBuffer x, int lo, int hi) {
      IntVector max = IntVector.zero(I);
      int i = lo;
      for (int end = lo + F.loopBound(hi - lo); i < end; i += F.length()) {
        IntVector bits = IntVector.fromByteBuffer(I, x, 4 * i, ORDER);
        max = max.max(bits.and(0x7fffffff));
      }
      return Math.max(max.reduceLanes(VectorOperators.MAX), super.maxMagnitudeBits(x, i, hi));
    }

    @Override
    public void minMaxBits(ByteBuffer x, int lo, int hi, int[] minMax) {
      IntVector min = IntVector.broadcast(I, Integer.MAX_VALUE);
      IntVector max = IntVector.broadcast(I, Integer.MIN_VALUE);
      int i = lo;
      for (int end = lo + F.loopBound(hi - lo); i < end; i += F.length()) {
        IntVector bits = IntVector.fromByteBuffer(I, x, 4 * i, ORDER);
        min = min.min(bits);
        max = max.max(bits);
      }
      super.minMaxBits(x, i, hi, minMax);   // the tail: MAX_VALUE, MIN_VALUE when empty
      minMax[0] = Math.min(minMax[0], min.reduceLanes(VectorOperators.MIN));
      minMax[1] = Math.max(minMax[1], max.reduceLanes(VectorOperators.MAX));
    }
  }
}
