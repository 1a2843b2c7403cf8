package org.pmm.bench;

/**
 * The PyTorch reference cannot run or misbehaved: no interpreter with torch, the script is
 * missing, it exited, or it answered something unexpected. The message says which and what to
 * do; the command line reports it as bad input (exit 1).
 *
 * <pre>{@code
 * try (PytorchReference torch = PytorchReference.start(...)) { ... }
 * catch (PytorchReferenceException e) { System.err.println("pmm bench: " + e.getMessage()); }
 * }</pre>
 */
public final class PytorchReferenceException extends RuntimeException {
  public PytorchReferenceException(String message) {
    super(message);
  }

  public PytorchReferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
