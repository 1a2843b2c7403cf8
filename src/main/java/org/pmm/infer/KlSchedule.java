package org.pmm.infer;

/**
 * The weight β(t) of the latent terms under KL annealing, as a function of the step t (0-based).
 * The paper's schedule rises linearly from λ to 1 over a number of epochs and then stays at 1.
 *
 * <pre>{@code
 * KlSchedule s = KlSchedule.linear(0.2, 12 * stepsPerEpoch);   // paper: λ = 0.2
 * double beta = s.beta(step);
 * }</pre>
 */
@FunctionalInterface
public interface KlSchedule {
  double beta(long step);

  /** β fixed at {@code value}. */
  static KlSchedule constant(double value) {
    return step -> value;
  }

  /** β = λ + (1 − λ)·t/T for t < T, then 1. With T = 0, β is 1 from the start. */
  static KlSchedule linear(double lambda, long rampSteps) {
    if (!(lambda > 0 && lambda <= 1)) {
      throw new IllegalArgumentException("kl_lambda must be in (0, 1], got " + lambda);
    }
    return step -> rampSteps <= 0 || step >= rampSteps
        ? 1.0
        : lambda + (1 - lambda) * step / (double) rampSteps;
  }
}
