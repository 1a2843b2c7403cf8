package org.pmm.infer;

/** Training produced a NaN or infinite value; the message names the step and the quantity. */
public class NonFiniteLossException extends RuntimeException {
  private final long step;

  public NonFiniteLossException(long step, String what, double value) {
    super("step " + step + ": " + what + " is not finite (" + value + ")");
    this.step = step;
  }

  public long step() {
    return step;
  }
}
