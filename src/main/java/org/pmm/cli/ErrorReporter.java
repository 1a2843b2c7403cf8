package org.pmm.cli;

import org.pmm.base.ExitCodes;
import org.pmm.base.UserError;
import java.io.PrintWriter;
import java.util.Set;
import org.pmm.lang.check.CheckFailed;
import org.pmm.base.SpellingSuggestions;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns exceptions into one-line messages and exit codes. Known user errors print their message;
 * anything else is a bug in pmm and says so, still without a stack trace unless
 * {@code PMM_DEBUG=1} is set.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (ex instanceof CheckFailed failed) {
      // Errors in a .pmm file (for example 'train' checking its model) keep the canonical form.
      err.println(failed.rendered());
      return failed.exitCode();
    }
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
    err.println("pmm: usage error: " + describe(ex, cli));
    err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
    return ExitCodes.USAGE;
  }

  /** picocli's message, except for an unknown command, which it calls an "unmatched argument". */
  private static String describe(ParameterException ex, CommandLine cli) {
    if (ex instanceof UnmatchedArgumentException unmatched && !cli.getSubcommands().isEmpty()
        && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
      String word = unmatched.getUnmatched().get(0);
      Set<String> commands = cli.getSubcommands().keySet();
      return "unknown command '" + word + "'" + SpellingSuggestions.didYouMean(word, commands)
          + " (commands: " + String.join(", ", commands) + ")";
    }
    return ex.getMessage();
  }

  private static void debugTrace(Exception ex, PrintWriter err) {
    if ("1".equals(System.getenv("PMM_DEBUG"))) {
      ex.printStackTrace(err);
    }
  }
}
