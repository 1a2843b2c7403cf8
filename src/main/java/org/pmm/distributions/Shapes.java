package org.pmm.distributions;

import java.util.Arrays;

/**
 * Shape arithmetic for distributions: NumPy broadcasting of parameter shapes and splitting a
 * value's shape into batch and event parts.
 *
 * <pre>{@code
 * long[] batch = Shapes.broadcast("Laplace", new long[] {3, 1}, new long[] {4}); // [3, 4]
 * }</pre>
 */
public final class Shapes {
  private Shapes() {}

  /** The broadcast of {@code shapes}, or an {@link InvalidDistributionException} naming {@code who}. */
  public static long[] broadcast(String who, long[]... shapes) {
    int rank = 0;
    for (long[] s : shapes) {
      rank = Math.max(rank, s.length);
    }
    long[] out = new long[rank];
    Arrays.fill(out, 1);
    for (long[] s : shapes) {
      for (int i = 0; i < s.length; i++) {
        int o = rank - s.length + i;
        if (s[i] != out[o] && s[i] != 1 && out[o] != 1) {
          throw new InvalidDistributionException(who + ": shapes " + describe(shapes)
              + " cannot be broadcast together");
        }
        out[o] = out[o] == 1 ? s[i] : out[o];
      }
    }
    return out;
  }

  /** True if {@code shape} broadcasts to exactly {@code target}. */
  public static boolean broadcastsTo(long[] shape, long[] target) {
    if (shape.length > target.length) {
      return false;
    }
    for (int i = 0; i < shape.length; i++) {
      long t = target[target.length - shape.length + i];
      if (shape[i] != t && shape[i] != 1) {
        return false;
      }
    }
    return true;
  }

  public static long[] concat(long[] a, long[] b) {
    long[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The first {@code shape.length - n} dimensions. */
  public static long[] dropLast(long[] shape, int n) {
    return Arrays.copyOf(shape, shape.length - n);
  }

  /** The last {@code n} dimensions. */
  public static long[] last(long[] shape, int n) {
    return Arrays.copyOfRange(shape, shape.length - n, shape.length);
  }

  /** The axes {@code rank-n .. rank-1}. */
  public static int[] lastAxes(int rank, int n) {
    int[] axes = new int[n];
    for (int i = 0; i < n; i++) {
      axes[i] = rank - n + i;
    }
    return axes;
  }

  public static long numel(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  private static String describe(long[][] shapes) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < shapes.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(Arrays.toString(shapes[i]));
    }
    return sb.toString();
  }
}
