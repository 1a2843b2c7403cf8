package org.pmm.tensor.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.kernels.KernelThreads.Work;

/**
 * Sums over float arrays in double precision, the scalar values of log-densities and penalties
 * over every weight of a layer: Σ|x − m|, Σ x² and Σ log x, read in place from the arrays'
 * memory ({@link DenseFloats#bytes}, float i at byte 4·i). A range [from, to) whose start is a
 * multiple of 16 is summed in 16 partial sums, element i in partial {@code i mod 16}, each
 * adding its elements in order, and the 16 partials are added pairwise in a fixed tree. The
 * vectorised implementation holds the partials in lanes (whatever the machine's vector width)
 * and the scalar one in an array, so both give the same bits on every machine; whole arrays are
 * summed per {@link HeapChunks#CHUNK} and the chunks added in order ({@link #byChunks}),
 * whatever the number of threads.
 *
 * <pre>{@code
 * double l2 = SumMath.sumOfSquares(weights);                  // Σ w², a dense float array
 * double d = SumMath.get().sumOfDistances(bytes, 0, n, 0f);   // Σ|x| over x[0..n)
 * }</pre>
 */
public abstract class SumMath {
  /** Partial sums per array: a multiple of every vector width the kernels use. */
  static final int PARTIALS = 16;
  /** Elements per logged product of {@link #sumOfLogs}: 32 mantissas in [1, 2) per partial. */
  static final int LOG_BLOCK = 32 * PARTIALS;
  private static final double LN2 = Math.log(2);
  private static final ThreadLocal<double[]> SCRATCH =
      ThreadLocal.withInitial(() -> new double[PARTIALS]);

  SumMath() {}

  /** The vectorised sums when the Vector API is available, else the scalar ones. */
  public static SumMath get() {
    return KernelSet.SUMS;
  }

  /** Which implementation {@link #get} returns. */
  public abstract String describe();

  /** Σ |x[i] − m| over [from, to), from a multiple of 16. */
  public abstract double sumOfDistances(ByteBuffer x, int from, int to, float m);

  /** Σ x[i]² over [from, to), from a multiple of 16. */
  public abstract double sumOfSquares(ByteBuffer x, int from, int to);

  /**
   * Σ log x[i] over positive x[from, to), from a multiple of 16: binary exponents summed,
   * mantissas in [1, 2) multiplied per partial over blocks of {@link #LOG_BLOCK} elements and
   * one logarithm taken per block; a zero, subnormal, infinite or NaN element gets a logarithm
   * of its own.
   */
  public abstract double sumOfLogs(ByteBuffer x, int from, int to);

  /** The sum of one range [lo, hi) of some arrays, lo a multiple of {@link HeapChunks#CHUNK}. */
  @FunctionalInterface
  public interface Part {
    double of(int lo, int hi);
  }

  /**
   * Σ over [0, length): {@code part} of each {@link HeapChunks#CHUNK}, the chunks shared among
   * the kernel threads and their sums added in chunk order.
   */
  public static double byChunks(long length, Part part) {
    int chunks = HeapChunks.count(length);
    double[] partial = new double[chunks];
    KernelThreads.byRanges(Work.COMPUTE, length, HeapChunks.CHUNK, (lo, hi) -> {
      for (int c = lo; c < hi; c += HeapChunks.CHUNK) {
        partial[c / HeapChunks.CHUNK] = part.of(c, Math.min(hi, c + HeapChunks.CHUNK));
      }
    });
    double total = 0;
    for (double p : partial) {
      total += p;
    }
    return total;
  }

  /** Σ x² over a whole dense float array ({@link DenseFloats#applies}). */
  public static double sumOfSquares(INDArray x) {
    SumMath math = get();
    ByteBuffer bytes = DenseFloats.bytes(x);
    return byChunks(x.length(), (lo, hi) -> math.sumOfSquares(bytes, lo, hi));
  }

  /** The partials added pairwise: (p0 + p1) + (p2 + p3), then those sums, and so on. */
  static double tree(double[] p) {
    for (int width = 1; width < PARTIALS; width *= 2) {
      for (int j = 0; j < PARTIALS; j += 2 * width) {
        p[j] += p[j + width];
      }
    }
    return p[0];
  }

  /** The partials multiplied pairwise in the same tree. */
  static double treeProduct(double[] p) {
    for (int width = 1; width < PARTIALS; width *= 2) {
      for (int j = 0; j < PARTIALS; j += 2 * width) {
        p[j] *= p[j + width];
      }
    }
    return p[0];
  }

  static double[] zeroed(double value) {
    double[] p = SCRATCH.get();
    java.util.Arrays.fill(p, value);
    return p;
  }

  /** Zero or subnormal (exponent bits 0), infinite or NaN (all ones): no exponent to split. */
  static boolean special(int bits) {
    int e = (bits >>> 23) & 0xff;
    return e == 0 || e == 0xff;
  }

  static double mantissa(int bits) {
    return Float.intBitsToFloat((bits & 0x7fffff) | 0x3f800000);
  }

  /**
   * One block of {@link #sumOfLogs}, elements [start, end), one at a time: the sum of the
   * logarithms of the special elements plus the logarithm of the block's mantissa product; the
   * exponents are added to {@code exponents[0]}.
   */
  static double logBlock(ByteBuffer x, int start, int end, long[] exponents) {
    double[] p = zeroed(1.0);
    double logs = 0;
    long e = 0;
    for (int i = start; i < end; i++) {
      float v = x.getFloat(4 * i);
      int bits = Float.floatToRawIntBits(v);
      if (special(bits)) {
        logs += Math.log(v);
      } else {
        e += ((bits >>> 23) & 0xff) - 127;
        p[(i - start) & (PARTIALS - 1)] *= mantissa(bits);
      }
    }
    exponents[0] += e;
    return logs + Math.log(treeProduct(p));
  }

  /** The sums one element at a time; also the tails of {@link Vectorised}'s loops. */
  public static class Scalar extends SumMath {
    @Override
    public String describe() {
      return "scalar";
    }

    @Override
    public double sumOfDistances(ByteBuffer x, int from, int to, float m) {
      return tree(addDistances(zeroed(0.0), x, from, to, m));
    }

    @Override
    public double sumOfSquares(ByteBuffer x, int from, int to) {
      return tree(addSquares(zeroed(0.0), x, from, to));
    }

    @Override
    public double sumOfLogs(ByteBuffer x, int from, int to) {
      long[] exponents = new long[1];
      double logs = 0;
      for (int start = from; start < to; start += LOG_BLOCK) {
        logs += logBlock(x, start, Math.min(to, start + LOG_BLOCK), exponents);
      }
      return logs + exponents[0] * LN2;
    }

    /** Adds |x[i] − m| to partial i mod 16 for i in [from, to). */
    static double[] addDistances(double[] p, ByteBuffer x, int from, int to, float m) {
      for (int i = from; i < to; i++) {
        p[i & (PARTIALS - 1)] += Math.abs(x.getFloat(4 * i) - m);
      }
      return p;
    }

    /** Adds x[i]² to partial i mod 16 for i in [from, to). */
    static double[] addSquares(double[] p, ByteBuffer x, int from, int to) {
      for (int i = from; i < to; i++) {
        double d = x.getFloat(4 * i);
        p[i & (PARTIALS - 1)] += d * d;
      }
      return p;
    }
  }

  /**
   * The sums with the JDK's Vector API at the machine's preferred width, as every other kernel
   * (a second width in one JVM pollutes the type profiles of the JDK's vector methods, and then
   * kernels box their vectors): 16 floats (AVX-512) give two vectors of eight doubles per 16
   * elements, 8 floats (AVX2) four vectors of four; other widths take the scalar sums. Loaded
   * only when the module is in the JVM.
   */
  public static final class Vectorised extends Scalar {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** 16 floats per vector: one load per 16 elements, partials in two vectors. */
    private static final boolean WIDE = F.length() == PARTIALS && D.length() == PARTIALS / 2;
    /** 8 floats per vector: two loads per 16 elements, partials in four vectors. */
    private static final boolean NARROW = F.length() == PARTIALS / 2
        && D.length() == PARTIALS / 4;

    private Vectorised() {}

    /** A new instance, its kernels run once (see {@link ElementWiseMath.Vectorised#create}). */
    public static Vectorised create() {
      Vectorised math = new Vectorised();
      int n = 2 * LOG_BLOCK + 3 * PARTIALS + 5;
      ByteBuffer x = VectorApi.direct(VectorApi.mixed(n, PARTIALS));
      math.sumOfDistances(x, 0, n, 0.5f);
      math.sumOfSquares(x, 0, n);
      float[] positive = new float[n];
      for (int i = 0; i < n; i++) {
        positive[i] = 0.5f + (i % 11) * 0.25f;
      }
      positive[LOG_BLOCK + 7] = 0f;   // one block takes the element-wise path
      math.sumOfLogs(VectorApi.direct(positive), 0, n);
      return math;
    }

    @Override
    public String describe() {
      return WIDE || NARROW ? "vector (" + D.length() + " doubles)" : "scalar";
    }

    @Override
    public double sumOfDistances(ByteBuffer x, int from, int to, float m) {
      return sum(x, from, to, m, false);
    }

    @Override
    public double sumOfSquares(ByteBuffer x, int from, int to) {
      return sum(x, from, to, 0f, true);
    }

    private double sum(ByteBuffer x, int from, int to, float m, boolean squares) {
      if (!WIDE && !NARROW) {
        return squares ? super.sumOfSquares(x, from, to) : super.sumOfDistances(x, from, to, m);
      }
      DoubleVector a0 = DoubleVector.zero(D);
      DoubleVector a1 = a0;
      DoubleVector a2 = a0;
      DoubleVector a3 = a0;
      int i = from;
      for (int end = from + ((to - from) & -PARTIALS); i < end; i += PARTIALS) {
        FloatVector v0 = FloatVector.fromByteBuffer(F, x, 4 * i, ORDER);
        v0 = squares ? v0 : v0.sub(m).abs();
        DoubleVector d0 = (DoubleVector) v0.convertShape(VectorOperators.F2D, D, 0);
        DoubleVector d1 = (DoubleVector) v0.convertShape(VectorOperators.F2D, D, 1);
        a0 = a0.add(squares ? d0.mul(d0) : d0);
        a1 = a1.add(squares ? d1.mul(d1) : d1);
        if (NARROW) {
          FloatVector v1 = FloatVector.fromByteBuffer(F, x, 4 * (i + 8), ORDER);
          v1 = squares ? v1 : v1.sub(m).abs();
          DoubleVector d2 = (DoubleVector) v1.convertShape(VectorOperators.F2D, D, 0);
          DoubleVector d3 = (DoubleVector) v1.convertShape(VectorOperators.F2D, D, 1);
          a2 = a2.add(squares ? d2.mul(d2) : d2);
          a3 = a3.add(squares ? d3.mul(d3) : d3);
        }
      }
      double[] p = lanes(a0, a1, a2, a3);
      return tree(squares ? addSquares(p, x, i, to) : addDistances(p, x, i, to, m));
    }

    @Override
    public double sumOfLogs(ByteBuffer x, int from, int to) {
      if (!WIDE && !NARROW) {
        return super.sumOfLogs(x, from, to);
      }
      long[] exponents = new long[1];
      double logs = 0;
      int start = from;
      for (; start + LOG_BLOCK <= to; start += LOG_BLOCK) {
        logs += vectorLogBlock(x, start, exponents);
      }
      if (start < to) {
        logs += logBlock(x, start, to, exponents);
      }
      return logs + exponents[0] * LN2;
    }

    /** {@link #logBlock} for a whole block, with the element-wise path for special values. */
    private static double vectorLogBlock(ByteBuffer x, int start, long[] exponents) {
      DoubleVector q0 = DoubleVector.broadcast(D, 1.0);
      DoubleVector q1 = q0;
      DoubleVector q2 = q0;
      DoubleVector q3 = q0;
      IntVector sum = IntVector.zero(I);
      IntVector low = IntVector.broadcast(I, 0xff);
      IntVector high = IntVector.zero(I);
      for (int i = start; i < start + LOG_BLOCK; i += F.length()) {
        IntVector b = FloatVector.fromByteBuffer(F, x, 4 * i, ORDER).reinterpretAsInts();
        IntVector e = b.lanewise(VectorOperators.LSHR, 23).and(0xff);
        sum = sum.add(e);
        low = low.min(e);
        high = high.max(e);
        FloatVector mantissas = b.and(0x7fffff).or(0x3f800000).reinterpretAsFloats();
        DoubleVector m0 = (DoubleVector) mantissas.convertShape(VectorOperators.F2D, D, 0);
        DoubleVector m1 = (DoubleVector) mantissas.convertShape(VectorOperators.F2D, D, 1);
        if (WIDE || ((i - start) & (PARTIALS - 1)) == 0) {
          q0 = q0.mul(m0);
          q1 = q1.mul(m1);
        } else {
          q2 = q2.mul(m0);
          q3 = q3.mul(m1);
        }
      }
      if (low.reduceLanes(VectorOperators.MIN) == 0
          || high.reduceLanes(VectorOperators.MAX) == 0xff) {
        return logBlock(x, start, start + LOG_BLOCK, exponents);
      }
      exponents[0] += sum.reduceLanes(VectorOperators.ADD) - 127L * LOG_BLOCK;
      return Math.log(treeProduct(lanes(q0, q1, q2, q3)));
    }

    /**
     * The partials in the scratch array: partial k is lane k of a0 then a1 (two vectors of
     * eight), or of a0, a1, a2, a3 (four of four).
     */
    private static double[] lanes(DoubleVector a0, DoubleVector a1, DoubleVector a2,
        DoubleVector a3) {
      double[] p = SCRATCH.get();
      if (WIDE) {
        a0.intoArray(p, 0);
        a1.intoArray(p, 8);
      } else {
        a0.intoArray(p, 0);
        a1.intoArray(p, 4);
        a2.intoArray(p, 8);
        a3.intoArray(p, 12);
      }
      return p;
    }
  }
}
