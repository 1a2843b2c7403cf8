package org.pmm.cli;

import org.pmm.base.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.pmm.tensor.kernels.Backend;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code pmm} command line.
 *
 * <p>Exit codes are a contract (docs/cli.md, exit codes): 0 success, 1 bad input, 2 usage error, 3
 * training stopped, 130 interrupted. Every failure reaches the user as one message on standard
 * error, never as a stack trace.
 *
 * <pre>{@code
 * ./pmm --version
 * ./pmm check models/pmmo.pmm
 * }</pre>
 */
@Command(
    name = "pmm",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Probabilistic programming on the JVM: models, variational inference, experiments.",
    subcommands = {CommandLine.HelpCommand.class, CheckCommand.class, DataCommand.class,
        TrainCommand.class, PredictCommand.class, RenderCommand.class, ExperimentCommand.class,
        BenchCommand.class})
public final class Main implements Callable<Integer> {

  /** The version reported by {@code --version} and written into results. */
  public static final String VERSION = org.pmm.base.Version.NUMBER;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  public static void main(String[] args) {
    Signals.install();
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (used by tests, which must not call System.exit). */
  public static int run(String... args) {
    CommandLine cli = newCommandLine();
    try {
      return cli.execute(args);
    } catch (LinkageError e) {
      // ND4J's first use fails with an Error when no backend can start (a CUDA build on a
      // machine without the NVIDIA driver): one line saying so instead of a trace.
      if (!Backend.isStartFailure(e)) {
        return internalError(cli, e);
      }
      cli.getErr().println("pmm: " + Backend.startFailure(e));
      return ExitCodes.BAD_INPUT;
    } catch (Error e) {
      // picocli hands only Exceptions to ErrorReporter; an Error would reach the user as a trace.
      return internalError(cli, e);
    }
  }

  /** An Error from anywhere in a command: one line, a failing exit code, never success. */
  private static int internalError(CommandLine cli, Error e) {
    String hint = e instanceof OutOfMemoryError ? " (raise the heap with PMM_JAVA_OPTS=-Xmx...;"
        + " set PMM_DEBUG=1 for the stack trace)" : " (set PMM_DEBUG=1 for the stack trace)";
    cli.getErr().println("pmm: internal error: " + e + hint);
    if ("1".equals(System.getenv("PMM_DEBUG"))) {
      e.printStackTrace(cli.getErr());
    }
    cli.getErr().flush();
    return ExitCodes.BAD_INPUT;
  }

  static CommandLine newCommandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionStrategy(Main::refuseUnmatched);
    cli.setExecutionExceptionHandler(new ErrorReporter());
    cli.setParameterExceptionHandler(ErrorReporter::usageError);
    cli.setErr(new PrintWriter(System.err, true));
    return cli;
  }

  /**
   * Runs the command after refusing arguments that match nothing. picocli does not report them
   * when {@code --help} or {@code --version} is among the arguments, so {@code pmm --version
   * --bogus} would print the version and exit 0; a typo must be a usage error whatever else is
   * on the line.
   */
  private static int refuseUnmatched(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
      if (!level.unmatched().isEmpty()) {
        throw new CommandLine.UnmatchedArgumentException(level.commandSpec().commandLine(), level.unmatched());
      }
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  /** Version, ND4J backend in use and its device. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"pmm " + VERSION, "backend: " + Backend.describe(),
          "element-wise kernels: " + Backend.kernels()};
    }
  }
}
