package org.pmm.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into one-line messages and exit codes. Known user errors print their message;
 * anything else is a bug in pmm and says so, still without a stack trace unless
 * {@code PMM_DEBUG=1} is set.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (ex instanceof UserError user) {
      err.println("pmm: error: " + user.getMessage());
      debugTrace(ex, err);
      return user.exitCode();
    }
    err.println("pmm: internal error: " + ex + " (set PMM_DEBUG=1 for the stack trace)");
    debugTrace(ex, err);
    return ExitCodes.BAD_INPUT;
  }

  static int usageError(ParameterException ex, String[] args) {
    CommandLine cli = ex.getCommandLine();
    PrintWriter err = cli.getErr();
    err.println("pmm: usage error: " + ex.getMessage());
    err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
    return ExitCodes.USAGE;
  }

  private static void debugTrace(Exception ex, PrintWriter err) {
    if ("1".equals(System.getenv("PMM_DEBUG"))) {
      ex.printStackTrace(err);
    }
  }
}
