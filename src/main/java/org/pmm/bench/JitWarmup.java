package org.pmm.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Warms a system up until the JVM's just-in-time compiler has settled, so that the timed steps
 * measure the steady state a long training run spends its time in. A step calls each of pmm's
 * kernels a few times, so the compiler reaches its optimising tier over tens of steps, and on a
 * 2-core machine its compiler threads take a core from the step while it works: a GMU step at
 * the bench config takes 170-230 ms over its first 20 steps and 140-150 ms from about the 50th
 * on, with 100-450 ms of compilation in some of the steps between (docs/performance.md, where a
 * step's time goes). A fixed number of warm-up steps would time part of that transient.
 *
 * <p>The rule: at least {@link #MIN_STEPS} steps; then stop once the compiler's time over the
 * last {@link #WINDOW} steps is below {@link #SETTLED_SHARE} of their wall time, or after
 * {@link #MAX_STEPS} steps or {@link #MAX_SECONDS} seconds, whichever comes first. Where the JVM
 * does not report compilation time, it warms up for {@link #FALLBACK_STEPS} steps.
 *
 * <pre>{@code
 * JitWarmup.Summary w = JitWarmup.run(() -> system.trainStep(batch, step++));
 * w.steps();          // how many steps it took
 * }</pre>
 */
public final class JitWarmup {
  static final int MIN_STEPS = 3;
  static final int WINDOW = 5;
  static final double SETTLED_SHARE = 0.02;
  static final int MAX_STEPS = 100;
  static final double MAX_SECONDS = 60;
  static final int FALLBACK_STEPS = 30;

  /** What the warm-up took: steps, seconds, and the compiler's time during it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Summary(int steps, double seconds,
      @JsonProperty("compile_seconds") Double compileSeconds) {}

  private JitWarmup() {}

  /** Warms up with this JVM's compilation clock. */
  static Summary run(Runnable step) {
    CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    if (compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
      return run(step, null, System::nanoTime);
    }
    return run(step, compiler::getTotalCompilationTime, System::nanoTime);
  }

  /**
   * Warms up with the given clocks: {@code compileMillis} the compiler's accumulated time in
   * milliseconds (null when unknown), {@code nanos} the wall clock.
   */
  static Summary run(Runnable step, LongSupplier compileMillis, LongSupplier nanos) {
    ArrayDeque<long[]> window = new ArrayDeque<>(); // {wall nanos, compile millis} per step
    long start = nanos.getAsLong();
    long compileStart = compileMillis == null ? 0 : compileMillis.getAsLong();
    int steps = 0;
    while (true) {
      long before = nanos.getAsLong();
      long compiledBefore = compileMillis == null ? 0 : compileMillis.getAsLong();
      step.run();
      steps++;
      long after = nanos.getAsLong();
      long compiled = compileMillis == null ? 0 : compileMillis.getAsLong();
      window.addLast(new long[] {after - before, compiled - compiledBefore});
      if (window.size() > WINDOW) {
        window.removeFirst();
      }
      if (compileMillis == null ? steps >= FALLBACK_STEPS
          : steps >= MIN_STEPS && window.size() == WINDOW && settled(window)) {
        break;
      }
      if (steps >= MAX_STEPS || (after - start) / 1e9 >= MAX_SECONDS) {
        break;
      }
    }
    Double compileSeconds = compileMillis == null ? null
        : (compileMillis.getAsLong() - compileStart) / 1e3;
    return new Summary(steps, (nanos.getAsLong() - start) / 1e9, compileSeconds);
  }

  private static boolean settled(ArrayDeque<long[]> window) {
    double wallMillis = 0;
    double compileMillis = 0;
    for (long[] w : window) {
      wallMillis += w[0] / 1e6;
      compileMillis += w[1];
    }
    return compileMillis < SETTLED_SHARE * wallMillis;
  }
}
