package org.pmm.infer;

/**
 * Training became unstable: a NaN or infinite value, or parameters an optimiser step moved out of
 * a distribution's domain; the message names the step and the quantity or the site.
 */
public class NonFiniteLossException extends RuntimeException {
  private final long step;

  public NonFiniteLossException(long step, String what, double value) {
    this(step, what + " is not finite (" + value + ")");
  }

  /** Training became unstable at {@code step} in a way {@code problem} describes. */
  public NonFiniteLossException(long step, String problem) {
    super("step " + step + ": " + problem);
    this.step = step;
  }

  public long step() {
    return step;
  }
}
