package org.pmm.tensor.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.kernels.KernelThreads.Work;

/**
 * Sums over float arrays in double precision, the scalar values of log-densities and penalties
 * over every weight of a layer: Σ|x − m|, Σ x² and Σ log x. Element i of an array goes to
 * partial sum {@code i mod 16}; each partial adds its elements in order, and the 16 partials are
 * added pairwise in a fixed tree. The vectorised implementation holds the partials in lanes
 * (whatever the machine's vector width) and the scalar one in an array,
 * so both give the same bits on every machine, and whole arrays are summed per
 * {@link HeapChunks#CHUNK} and the chunks added in order, whatever the number of threads.
 *
 * <pre>{@code
 * double l2 = SumMath.sumOfSquares(weights);             // Σ w², a dense float array
 * double d = SumMath.get().sumOfDistances(chunk, n, 0f);  // Σ|x|, one chunk
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

  /** Σ |x[i] − m| over x[0..n). */
  public abstract double sumOfDistances(float[] x, int n, float m);

  /** Σ x[i]² over x[0..n). */
  public abstract double sumOfSquares(float[] x, int n);

  /**
   * Σ log x[i] over positive x[0..n): binary exponents summed, mantissas in [1, 2) multiplied per
   * partial over blocks of {@link #LOG_BLOCK} elements and one logarithm taken per block; a
   * zero, subnormal, infinite or NaN element gets a logarithm of its own.
   */
  public abstract double sumOfLogs(float[] x, int n);

  /** Σ x² over a whole dense float array ({@link DenseFloats#applies}). */
  public static double sumOfSquares(INDArray x) {
    SumMath math = get();
    int chunks = HeapChunks.count(x.length());
    double[] partial = new double[chunks];
    HeapChunks heap = new HeapChunks(new INDArray[] {x}, new INDArray[0]);
    KernelThreads.byRanges(Work.COMPUTE, x.length(), HeapChunks.CHUNK, heap.each(
        (lo, n, c) -> partial[HeapChunks.index(lo)] = math.sumOfSquares(c[0], n)));
    double total = 0;
    for (double p : partial) {
      total += p;
    }
    return total;
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
  static double logBlock(float[] x, int start, int end, long[] exponents) {
    double[] p = zeroed(1.0);
    double logs = 0;
    long e = 0;
    for (int i = start; i < end; i++) {
      int bits = Float.floatToRawIntBits(x[i]);
      if (special(bits)) {
        logs += Math.log(x[i]);
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
    public double sumOfDistances(float[] x, int n, float m) {
      double[] p = zeroed(0.0);
      for (int i = 0; i < n; i++) {
        p[i & (PARTIALS - 1)] += Math.abs(x[i] - m);
      }
      return tree(p);
    }

    @Override
    public double sumOfSquares(float[] x, int n) {
      double[] p = zeroed(0.0);
      for (int i = 0; i < n; i++) {
        double d = x[i];
        p[i & (PARTIALS - 1)] += d * d;
      }
      return tree(p);
    }

    @Override
    public double sumOfLogs(float[] x, int n) {
      long[] exponents = new long[1];
      double logs = 0;
      for (int start = 0; start < n; start += LOG_BLOCK) {
        logs += logBlock(x, start, Math.min(n, start + LOG_BLOCK), exponents);
      }
      return logs + exponents[0] * LN2;
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
      float[] x = VectorApi.mixed(n, PARTIALS);
      math.sumOfDistances(x, n, 0.5f);
      math.sumOfSquares(x, n);
      float[] positive = new float[n];
      for (int i = 0; i < n; i++) {
        positive[i] = 0.5f + (i % 11) * 0.25f;
      }
      positive[LOG_BLOCK + 7] = 0f;   // one block takes the element-wise path
      math.sumOfLogs(positive, n);
      return math;
    }

    @Override
    public String describe() {
      return WIDE || NARROW ? "vector (" + D.length() + " doubles)" : "scalar";
    }

    @Override
    public double sumOfDistances(float[] x, int n, float m) {
      return sum(x, n, m, false);
    }

    @Override
    public double sumOfSquares(float[] x, int n) {
      return sum(x, n, 0f, true);
    }

    private double sum(float[] x, int n, float m, boolean squares) {
      if (!WIDE && !NARROW) {
        return squares ? super.sumOfSquares(x, n) : super.sumOfDistances(x, n, m);
      }
      DoubleVector a0 = DoubleVector.zero(D);
      DoubleVector a1 = a0;
      DoubleVector a2 = a0;
      DoubleVector a3 = a0;
      int i = 0;
      for (int end = n & -PARTIALS; i < end; i += PARTIALS) {
        FloatVector v0 = FloatVector.fromArray(F, x, i);
        v0 = squares ? v0 : v0.sub(m).abs();
        DoubleVector d0 = (DoubleVector) v0.convertShape(VectorOperators.F2D, D, 0);
        DoubleVector d1 = (DoubleVector) v0.convertShape(VectorOperators.F2D, D, 1);
        a0 = a0.add(squares ? d0.mul(d0) : d0);
        a1 = a1.add(squares ? d1.mul(d1) : d1);
        if (NARROW) {
          FloatVector v1 = FloatVector.fromArray(F, x, i + 8);
          v1 = squares ? v1 : v1.sub(m).abs();
          DoubleVector d2 = (DoubleVector) v1.convertShape(VectorOperators.F2D, D, 0);
          DoubleVector d3 = (DoubleVector) v1.convertShape(VectorOperators.F2D, D, 1);
          a2 = a2.add(squares ? d2.mul(d2) : d2);
          a3 = a3.add(squares ? d3.mul(d3) : d3);
        }
      }
      double[] p = lanes(a0, a1, a2, a3);
      for (; i < n; i++) {
        if (squares) {
          double d = x[i];
          p[i & (PARTIALS - 1)] += d * d;
        } else {
          p[i & (PARTIALS - 1)] += Math.abs(x[i] - m);
        }
      }
      return tree(p);
    }

    @Override
    public double sumOfLogs(float[] x, int n) {
      if (!WIDE && !NARROW) {
        return super.sumOfLogs(x, n);
      }
      long[] exponents = new long[1];
      double logs = 0;
      int start = 0;
      for (; start + LOG_BLOCK <= n; start += LOG_BLOCK) {
        logs += vectorLogBlock(x, start, exponents);
      }
      if (start < n) {
        logs += logBlock(x, start, n, exponents);
      }
      return logs + exponents[0] * LN2;
    }

    /** {@link #logBlock} for a whole block, with the element-wise path for special values. */
    private static double vectorLogBlock(float[] x, int start, long[] exponents) {
      DoubleVector q0 = DoubleVector.broadcast(D, 1.0);
      DoubleVector q1 = q0;
      DoubleVector q2 = q0;
      DoubleVector q3 = q0;
      IntVector sum = IntVector.zero(I);
      IntVector low = IntVector.broadcast(I, 0xff);
      IntVector high = IntVector.zero(I);
      for (int i = start; i < start + LOG_BLOCK; i += F.length()) {
        IntVector b = FloatVector.fromArray(F, x, i).reinterpretAsInts();
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
