package org.pmm.bench;

import java.util.function.LongConsumer;
import org.pmm.tensor.OpProfile;

/**
 * Times the SVI steps of a small model (one scalar latent and four observations for {@code
 * coin}), where a step takes about a millisecond and the cost is per operation, not arithmetic:
 * after the JIT warm-up, each step is timed on its own; the row has config {@code "small"} and no
 * GEMM bound. With {@code -Dpmm.profile=true} the time of the timed steps is broken down by
 * operation on standard error.
 *
 * <pre>{@code
 * BenchResult r = SmallModelBenchmark.run("coin", step -> coin.step(step), 2000);
 * }</pre>
 */
public final class SmallModelBenchmark {
  /** The config name of the small models' rows. */
  public static final String CONFIG = "small";

  private SmallModelBenchmark() {}

  /** Warms up, then times {@code steps} calls of {@code step} (given the step number). */
  public static BenchResult run(String system, LongConsumer step, int steps) {
    long[] next = {0};
    JitWarmup.Summary warmup = JitWarmup.run(() -> step.accept(next[0]++));
    OpProfile.reset();
    double[] times = new double[steps];
    for (int i = 0; i < steps; i++) {
      OpProfile.mark("(between steps)");
      long start = System.nanoTime();
      step.accept(next[0]++);
      times[i] = (System.nanoTime() - start) / 1e9;
    }
    if (OpProfile.ENABLED) {
      System.err.printf("pmm bench: %s, where the timed steps' time went (-Dpmm.profile):%n%s",
          system, OpProfile.report(25));
    }
    return new BenchResult(system, CONFIG, Stats.median(times), Stats.min(times),
        Stats.max(times), steps, null, null, null, null, ProcessMemory.peakMb(), null, warmup,
        null, null);
  }
}
