package org.pmm.experiment.run;

import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * The time a run has left, from the rate of its steps once the JIT has warmed up. The first
 * steps of a JVM run many times slower than the rest (classes load, the JIT compiles the hot
 * loops), so a rate that counted them would promise several times the real time: the rate is
 * measured from the end of the first {@code warmupSteps} steps on, and until a step has been
 * timed after them there is no estimate. Work is counted in the units of {@link EpochCost} (one
 * epoch of a row weighs its cost), and work not timed here (cycles and epochs finished before a
 * resume) shortens the time left without changing the rate. The clock is given so that tests
 * can drive it.
 *
 * <pre>{@code
 * TimeLeft left = new TimeLeft(System::nanoTime, 5);
 * left.plan(totalWork);
 * left.step(epochCost / batchesPerEpoch);        // after every training step
 * left.seconds().ifPresent(s -> ...);            // empty until there is a basis
 * }</pre>
 */
public final class TimeLeft {
  private final LongSupplier nanos;
  private final int warmupSteps;
  private double planned = 1;
  private double done;
  private int steps;
  private long basisNanos;
  private double timedSinceBasis;

  /**
   * @param nanos a monotonic clock in nanoseconds ({@code System::nanoTime})
   * @param warmupSteps steps left out of the rate at the start of the run
   */
  public TimeLeft(LongSupplier nanos, int warmupSteps) {
    this.nanos = nanos;
    this.warmupSteps = warmupSteps;
  }

  /** Starts a run of {@code totalWork} units; forgets everything measured before. */
  public void plan(double totalWork) {
    planned = Math.max(0, totalWork);
    done = 0;
    steps = 0;
    timedSinceBasis = 0;
    basisNanos = nanos.getAsLong();
  }

  /** One training step of {@code work} units has just finished. */
  public void step(double work) {
    done += work;
    steps++;
    if (steps == warmupSteps) {
      basisNanos = nanos.getAsLong();
    } else if (steps > warmupSteps) {
      timedSinceBasis += work;
    }
  }

  /** Work finished without being timed here (restored from a checkpoint). */
  public void doneBefore(double work) {
    done += work;
  }

  /**
   * Seconds left at the measured rate (the time since the basis, evaluations and writing
   * included, over the work of the steps timed since); empty before the basis exists.
   */
  public OptionalDouble seconds() {
    if (steps <= warmupSteps || timedSinceBasis <= 0) {
      return OptionalDouble.empty();
    }
    double secondsPerUnit = (nanos.getAsLong() - basisNanos) / 1e9 / timedSinceBasis;
    return OptionalDouble.of(secondsPerUnit * Math.max(0, planned - done));
  }
}
