package org.pmm.handlers;

/**
 * The seed of a training step's sampling stream, derived from the run's seed and the step
 * (SplitMix64 of the two). Deriving it, rather than continuing one stream across steps, makes
 * the draws of step t the same whether training ran through from step 0 or resumed from a
 * checkpoint at step t.
 *
 * <pre>{@code
 * try (SeedMessenger sampling = Pmm.seed(StepSeed.of(seed, step)).enter()) {
 *   loss = elbo.loss(model, guide, batch);
 * }
 * }</pre>
 */
public final class StepSeed {
  private StepSeed() {}

  /** The sampling seed of {@code step} (any long; -1 is used for prediction streams). */
  public static long of(long seed, long step) {
    long z = seed * 0x9E3779B97F4A7C15L + step + 0x2545F4914F6CDD1DL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
