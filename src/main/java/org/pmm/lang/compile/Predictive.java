package org.pmm.lang.compile;

/**
 * A prediction's draws summarised per element: the mean and the sample standard deviation
 * (n − 1) over {@code samples} draws, and how the draws differ ({@link Method}).
 *
 * <pre>{@code
 * Predictive p = program.predictive(data, 20);
 * float mean = p.mean()[row][genre], sd = p.sd()[row][genre];
 * }</pre>
 */
public record Predictive(Method method, int samples, float[][] mean, float[][] sd) {
  /** Where the draws' randomness comes from. */
  public enum Method {
    /** Each draw takes the latent sites from the guide (the posterior predictive). */
    GUIDE_SAMPLES("guide samples"),
    /** Each draw drops units as in training, at the trained weights (MC dropout). */
    MC_DROPOUT("MC dropout");

    private final String label;

    Method(String label) {
      this.label = label;
    }

    /** The method in words, as reports print it. */
    public String label() {
      return label;
    }
  }
}
