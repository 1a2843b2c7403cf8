package org.pmm.base;

/** The exit codes of the command line (docs/cli.md, exit codes), in one place. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int BAD_INPUT = 1;
  public static final int USAGE = 2;
  public static final int TRAINING_STOPPED = 3;
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
