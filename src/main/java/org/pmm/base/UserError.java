package org.pmm.base;

/**
 * A failure caused by the user's input (a file, a flag, a value), reported as its message alone
 * with the given exit code. Throw it, or a subclass, anywhere below the CLI; {@link ErrorReporter}
 * turns it into one line on standard error.
 *
 * <pre>{@code
 * throw new UserError("data file 'x.h5' does not exist", ExitCodes.BAD_INPUT);
 * }</pre>
 */
public class UserError extends RuntimeException {
  private final int exitCode;

  public UserError(String message) {
    this(message, ExitCodes.BAD_INPUT);
  }

  public UserError(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public UserError(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
