package org.pmm.data;

import java.util.SplittableRandom;

/**
 * Independent, reproducible random streams derived from one seed, so that blocks of rows can be
 * generated on several threads and still give the same file for the same seed.
 */
final class RandomStreams {
  private final long seed;

  RandomStreams(long seed) {
    this.seed = seed;
  }

  /** The stream for a purpose (a small constant) and an index (a block of rows, say). */
  SplittableRandom stream(int purpose, long index) {
    long mixed = mix(mix(seed ^ 0x9E3779B97F4A7C15L) + purpose * 0xC2B2AE3D27D4EB4FL + index);
    return new SplittableRandom(mixed);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A standard normal draw (Box-Muller; one of the pair is discarded for simplicity). */
  static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }

  /** Fills {@code out[from..to)} with standard normal draws, two per Box-Muller pair. */
  static void fillGaussian(SplittableRandom random, float[] out, int from, int to) {
    int i = from;
    while (i < to) {
      double u = 1.0 - random.nextDouble();
      double v = random.nextDouble();
      double r = Math.sqrt(-2.0 * Math.log(u));
      double angle = 2.0 * Math.PI * v;
      out[i++] = (float) (r * Math.cos(angle));
      if (i < to) {
        out[i++] = (float) (r * Math.sin(angle));
      }
    }
  }
}
