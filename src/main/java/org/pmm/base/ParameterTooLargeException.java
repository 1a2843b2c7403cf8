package org.pmm.base;

import java.util.Arrays;

/**
 * A parameter that cannot fit: its value, gradient and optimiser state would exceed the memory
 * this process may use. Raised before the array is allocated, so that a size set too large (a
 * typo in {@code --set hidden=...}) ends at once with the size named instead of growing the
 * process until the machine swaps or the kernel kills it.
 */
public final class ParameterTooLargeException extends UserError {
  private final long[] shape;

  public ParameterTooLargeException(String message, long[] shape) {
    super(message);
    this.shape = shape.clone();
  }

  /** The refused parameter's shape. */
  public long[] shape() {
    return shape.clone();
  }

  /** The same refusal with {@code context} (the parameter's name, the sizes' origin) added. */
  public ParameterTooLargeException with(String context) {
    return new ParameterTooLargeException(context + ": " + getMessage(), shape);
  }

  /** The same refusal with {@code hint} (what to change) appended. */
  public ParameterTooLargeException hinted(String hint) {
    return hint.isEmpty() ? this : new ParameterTooLargeException(getMessage() + "; " + hint, shape);
  }

  @Override
  public String toString() {
    return "ParameterTooLargeException" + Arrays.toString(shape) + ": " + getMessage();
  }
}
