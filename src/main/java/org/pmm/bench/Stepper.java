package org.pmm.bench;

/**
 * Something whose training steps can be timed in rounds: pmm's own {@link
 * StepBenchmark.Session} or the PyTorch reference ({@link PytorchReference}).
 *
 * <pre>{@code
 * Stepper s = StepBenchmark.prepare("gmu", "bench");
 * double[] seconds = s.time(4);     // four more steps, one duration each
 * }</pre>
 */
public interface Stepper {
  /** Runs {@code steps} training steps and returns the seconds each took. */
  double[] time(int steps);
}
