package org.pmm.experiment.run;

import org.pmm.experiment.systems.SystemConfig;

/**
 * A rough relative cost of one training epoch of a system, for the time-left estimate of a run
 * whose rows differ in size: the first epochs of an experiment are PM+MO at width 1024 and would
 * otherwise make every later, smaller row look as slow. Per step: the GEMM work of module A and
 * the classifier, plus, for the variational system, element-wise work over every weight of A,
 * plus a fixed cost. The three coefficients were fitted to the seconds per epoch of the default
 * experiment on a 2-core machine, two cycles at a time (GMU 256: 1.73 s, PM+MO 256: 2.27 s,
 * PM+MO 1024: 12.98 s; the report's training time at 70014fc); only their ratios matter.
 *
 * <pre>{@code
 * double w = EpochCost.of(config);   // PM+MO at 1024 weighs about 5.7 times PM+MO at 256
 * }</pre>
 */
public final class EpochCost {
  private static final long TEXT = 300;
  private static final long IMAGE = 4096;
  private static final long GENRES = 23;
  private static final long TRAIN_ROWS = 15552;
  private static final double SECONDS_PER_FLOP = 2.85e-11;
  private static final double SECONDS_PER_VARIATIONAL_WEIGHT = 1.38e-8;
  private static final double SECONDS_PER_STEP = 0.0112;

  private EpochCost() {}

  /** Estimated seconds of one epoch on the machine the coefficients come from. */
  public static double of(SystemConfig c) {
    long h = c.hidden();
    long w = c.classifierWidth();
    long p = c.maxoutPieces();
    double macs = (TEXT + IMAGE) * h + 2 * h * h + h * GENRES + h * w * p + w * w * p + w * GENRES;
    double flops = 2.0 * c.batchSize() * macs;
    double weightsA = (TEXT + IMAGE + 2 * h) * h + h * GENRES;
    boolean variational = c.kind().equals("pmmo");
    double step = SECONDS_PER_FLOP * flops + SECONDS_PER_STEP
        + (variational ? SECONDS_PER_VARIATIONAL_WEIGHT * weightsA : 0);
    long steps = (TRAIN_ROWS + c.batchSize() - 1) / c.batchSize();
    return steps * step;
  }
}
