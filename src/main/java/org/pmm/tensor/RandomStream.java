package org.pmm.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pmm.tensor.kernels.DenseFloats;
import org.pmm.tensor.kernels.HeapChunks;
import org.pmm.tensor.kernels.KernelThreads;
import org.pmm.tensor.kernels.KernelThreads.Work;
import org.pmm.tensor.kernels.LaplaceMath;

/**
 * A reproducible source of random arrays whose whole state is two longs (seed and draw
 * counter), so it can be checkpointed and restored exactly. Each draw reseeds ND4J's generator
 * from (seed, counter): the sequence does not depend on any other user of ND4J's global RNG.
 *
 * <pre>{@code
 * RandomStream rng = new RandomStream(42);
 * INDArray u = rng.uniform(DataType.FLOAT, -0.5, 0.5, 512, 300);
 * long[] state = rng.state();      // save
 * rng.restore(state);              // continue exactly from here
 * }</pre>
 */
public final class RandomStream {
  /**
   * Uniform draws used for inverse-CDF sampling stay this far inside (-1/2, 1/2): in float32,
   * u = ±1/2 makes log(1 - 2|u|) = -infinity.
   */
  public static final double LAPLACE_U_MARGIN = 1e-6;
  /** The half-width h of the centred uniform draws u ∈ (−h, h) that the Laplace draws invert. */
  public static final double LAPLACE_U_HALF_WIDTH = 0.5 - LAPLACE_U_MARGIN;

  private long seed;
  private long counter;

  public RandomStream(long seed) {
    this.seed = seed;
  }

  public long seed() {
    return seed;
  }

  /** The state to checkpoint: {seed, counter}. */
  public long[] state() {
    return new long[] {seed, counter};
  }

  public void restore(long[] state) {
    this.seed = state[0];
    this.counter = state[1];
  }

  /** A fresh 64-bit value, for seeding other generators (shuffles). */
  public long nextLong() {
    return mix(seed, counter++);
  }

  private void reseed() {
    Nd4j.getRandom().setSeed(mix(seed, counter++));
  }

  /** Uniform on [lo, hi). */
  public INDArray uniform(DataType type, double lo, double hi, long... shape) {
    reseed();
    INDArray u = Nd4j.rand(type, shape);
    if (lo != 0.0 || hi != 1.0) {
      u.muli(hi - lo).addi(lo);
    }
    return u;
  }

  /** Standard normal. */
  public INDArray normal(DataType type, long... shape) {
    reseed();
    return Nd4j.randn(type, shape);
  }

  /** Standard Laplace(0, 1) by the inverse CDF: -sign(u) log(1 - 2|u|), u ~ U(-1/2, 1/2). */
  public INDArray laplace(DataType type, long... shape) {
    OpProfile.mark("(before noise)");
    double h = LAPLACE_U_HALF_WIDTH;
    INDArray u = uniform(type, 0.0, 1.0, shape);
    if (DenseFloats.applies(u)) {
      // one pass over the draws instead of eight ND4J operations
      LaplaceMath math = LaplaceMath.get();
      HeapChunks chunks = new HeapChunks(new INDArray[] {u}, new INDArray[] {u});
      KernelThreads.byRanges(Work.COMPUTE, u.length(), HeapChunks.CHUNK,
          chunks.each((lo, n, c) -> math.laplaceFromUniform(c[0], n, (float) h)));
    } else {
      u.muli(2 * h).subi(h);
      INDArray sign = Transforms.sign(u, true);
      Transforms.abs(u, false).muli(-2.0);
      Transforms.log1p(u, false);
      u.muli(sign).negi();
      Memory.release(sign);
    }
    OpProfile.mark("random laplace");
    return u;
  }

  /** 0/1 array with P(1) = p. */
  public INDArray bernoulli(DataType type, double p, long... shape) {
    INDArray u = uniform(type, 0.0, 1.0, shape);
    INDArray mask = Memory.castFreeing(u.lt(p), type);
    Memory.release(u);
    return mask;
  }

  /** SplitMix64 of (seed, counter): well-spread seeds for nearby inputs. */
  static long mix(long seed, long counter) {
    long z = seed * 0x9E3779B97F4A7C15L + counter + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
