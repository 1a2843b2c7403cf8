package org.pmm.infer;

import java.util.List;

/**
 * The estimators by the names users write ({@code --set elbo=...}, {@code .pmm} files).
 *
 * <pre>{@code
 * Elbo e = Elbos.create("annealed", 0.2, 12 * stepsPerEpoch);
 * }</pre>
 */
public final class Elbos {
  /** Every name {@link #create} accepts. */
  public static final List<String> NAMES = List.of("trace", "annealed");

  private Elbos() {}

  /**
   * @param klLambda β at the first step (annealed only)
   * @param rampSteps steps over which β rises linearly to 1 (annealed only)
   */
  public static Elbo create(String name, double klLambda, long rampSteps) {
    return switch (name) {
      case "trace" -> new TraceElbo(1);
      case "annealed" -> new AnnealedElbo(new TraceElbo(1), KlSchedule.linear(klLambda, rampSteps));
      default -> throw new IllegalArgumentException("unknown estimator '" + name + "'; known: "
          + String.join(", ", NAMES));
    };
  }
}
