package org.pmm.tensor.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Maxout's row work on heap rows: the maximum of each unit's {@code p} consecutive pieces, and
 * each piece's share of its unit's gradient (the unit's gradient where the piece equals the
 * maximum, else a zero of the gradient's sign, the composition's {@code (piece == max) · d}).
 * The vectorised form takes 16 units at a time, gathering piece j of each with a stride of
 * {@code p} (and scattering the gradients back): per row of 3000 units of 5 pieces, maxima in
 * 6.8 µs against 14 µs and gradients in 17.7 µs against 22.7 µs one unit at a time; with two
 * pieces the JIT's own vectorisation of the scalar maxima is faster (0.27 against 0.54 µs per
 * 512 units). Maxima follow {@code Math.max}'s rules in both forms, so they give the same bits.
 *
 * <pre>{@code
 * MaxoutMath.get().maxima(row, max, 5);          // max[u] = max of row[5u .. 5u + 4]
 * MaxoutMath.get().route(row, max, grad, 5);     // row[k] becomes piece k's gradient
 * }</pre>
 */
public abstract class MaxoutMath {
  MaxoutMath() {}

  /** The vectorised kernels when the Vector API is available, else the scalar ones. */
  public static MaxoutMath get() {
    return KernelSet.MAXOUT;
  }

  /** Which implementation this is. */
  public abstract String describe();

  /** {@code max[u] = max(row[u·p], …, row[u·p + p − 1])} for every unit u of {@code max}. */
  public abstract void maxima(float[] row, float[] max, int p);

  /** Each piece of {@code row} replaced by its share of its unit's gradient {@code d[u]}. */
  public abstract void route(float[] row, float[] max, float[] d, int p);

  /**
   * {@code (piece == max ? 1 : 0) · d} without a branch: piece − max is a zero (of either sign)
   * exactly when they are equal, so whether its magnitude bits are all 0 selects between d and
   * d's sign alone (0 · d is a zero of d's sign).
   */
  static float routed(float piece, float max, float d) {
    int magnitude = Float.floatToRawIntBits(piece - max) & 0x7fffffff;
    int notMax = -magnitude >> 31;   // all ones when the magnitude is not 0
    return Float.intBitsToFloat(Float.floatToRawIntBits(d) & ~(notMax & 0x7fffffff));
  }

  /** One unit at a time; also the tails of {@link Vectorised}'s loops. */
  public static class Scalar extends MaxoutMath {
    @Override
    public String describe() {
      return "scalar";
    }

    @Override
    public void maxima(float[] row, float[] max, int p) {
      maxima(row, max, p, 0);
    }

    // Math.max, not a comparison and a select: on random pieces the select's branch is
    // mispredicted half the time, which makes the row loop many times slower.
    static void maxima(float[] row, float[] max, int p, int fromUnit) {
      if (p == 2) {
        for (int u = fromUnit; u < max.length; u++) {
          max[u] = Math.max(row[2 * u], row[2 * u + 1]);
        }
        return;
      }
      for (int u = fromUnit, k = fromUnit * p; u < max.length; u++) {
        float m = row[k++];
        for (int j = 1; j < p; j++, k++) {
          m = Math.max(m, row[k]);
        }
        max[u] = m;
      }
    }

    @Override
    public void route(float[] row, float[] max, float[] d, int p) {
      route(row, max, d, p, 0);
    }

    static void route(float[] row, float[] m, float[] d, int p, int fromUnit) {
      for (int u = fromUnit, k = fromUnit * p; u < m.length; u++) {
        for (int j = 0; j < p; j++, k++) {
          row[k] = routed(row[k], m[u], d[u]);
        }
      }
    }
  }

  /** With the JDK's Vector API; loaded only when the module is in the JVM. */
  public static final class Vectorised extends Scalar {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private Vectorised() {}

    /** A new instance, its kernels run once (see {@link ElementWiseMath.Vectorised#create}). */
    public static Vectorised create() {
      Vectorised math = new Vectorised();
      for (int p : new int[] {2, 5}) {
        int units = 2 * F.length() + 3;
        float[] row = VectorApi.mixed(units * p, F.length());
        float[] max = new float[units];
        math.maxima(row, max, p);
        math.route(row, max, VectorApi.falling(units), p);
      }
      return math;
    }

    @Override
    public String describe() {
      return "vector (" + F.length() + " units)";
    }

    /** Lane i reads element {@code i·p} past the offset. */
    private static int[] stride(int p) {
      int[] map = new int[F.length()];
      for (int i = 0; i < map.length; i++) {
        map[i] = i * p;
      }
      return map;
    }

    @Override
    public void maxima(float[] row, float[] max, int p) {
      if (p < 3) {
        super.maxima(row, max, p);   // the JIT vectorises the scalar loop for two pieces
        return;
      }
      int[] map = stride(p);
      int u = 0;
      for (int end = F.loopBound(max.length); u < end; u += F.length()) {
        int base = u * p;
        FloatVector m = FloatVector.fromArray(F, row, base, map, 0);
        for (int j = 1; j < p; j++) {
          m = m.max(FloatVector.fromArray(F, row, base + j, map, 0));
        }
        m.intoArray(max, u);
      }
      maxima(row, max, p, u);
    }

    @Override
    public void route(float[] row, float[] max, float[] d, int p) {
      int[] map = stride(p);
      int u = 0;
      for (int end = F.loopBound(max.length); u < end; u += F.length()) {
        int base = u * p;
        FloatVector m = FloatVector.fromArray(F, max, u);
        IntVector g = FloatVector.fromArray(F, d, u).reinterpretAsInts();
        IntVector signOnly = g.and(0x80000000);
        for (int j = 0; j < p; j++) {
          IntVector magnitude = FloatVector.fromArray(F, row, base + j, map, 0).sub(m)
              .reinterpretAsInts().and(0x7fffffff);
          VectorMask<Integer> notMax = magnitude.compare(VectorOperators.NE, 0);
          g.blend(signOnly, notMax).reinterpretAsFloats().intoArray(row, base + j, map, 0);
        }
      }
      route(row, max, d, p, u);
    }
  }
}
