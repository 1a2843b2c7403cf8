package org.pmm.cli;

import org.pmm.base.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pmm.lang.check.CheckFailed;
import org.pmm.lang.check.Hyperparameters;
import org.pmm.infer.Elbos;
import org.pmm.lang.check.ProgramChecker;
import org.pmm.lang.program.CheckedProgram;
import org.pmm.lang.program.Definitions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pmm check FILE.pmm... [--set name=value]...}: parses and checks every file, printing
 * all errors in the canonical form to standard error (exit 1), or {@code FILE: ok} per file on
 * standard output (exit 0), with a note when an objective's estimator computes exactly another's.
 *
 * <pre>{@code
 * ./pmm check models/pmmo.pmm --set hidden=1024
 * models/pmmo.pmm: ok
 * ./pmm check models/pmmo.pmm --set elbo=tracegraph
 * models/pmmo.pmm: ok
 * models/pmmo.pmm: note: objective fusion: estimator 'tracegraph' computes exactly 'trace''s ...
 * }</pre>
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Parse and check .pmm files; errors in the canonical format.")
public final class CheckCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE.pmm", description = "the files to check")
  List<String> files = new ArrayList<>();

  @Option(names = "--set", paramLabel = "NAME=VALUE", description = "override a hyperparameter (repeatable)")
  List<String> assignments = new ArrayList<>();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Map<String, String> overrides = Hyperparameters.parseAssignments(assignments);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int exit = ExitCodes.OK;
    for (String file : files) {
      try {
        CheckedProgram program = ProgramChecker.checkFile(Path.of(file), file, overrides);
        out.println(file + ": ok");
        coincidingEstimators(program).forEach(note -> out.println(file + ": note: " + note));
      } catch (CheckFailed failed) {
        err.println(failed.rendered());
        exit = ExitCodes.BAD_INPUT;
      }
    }
    out.flush();
    err.flush();
    return exit;
  }

  /**
   * A note per ELBO objective whose estimator computes exactly another's loss and gradients for
   * this program's guides ({@link Elbos#coincident}): choosing between them changes nothing.
   */
  static List<String> coincidingEstimators(CheckedProgram program) {
    List<String> notes = new ArrayList<>();
    if (program.training() == null) {
      return notes;
    }
    boolean reparameterised = program.guidesReparameterised();
    for (Definitions.Objective o : program.training().objectives()) {
      if (o.elbo() == null) {
        continue;
      }
      String written = o.elbo().estimator();
      String same = Elbos.coincident(written, reparameterised);
      if (!same.equals(written)) {
        notes.add("objective " + o.name() + ": estimator '" + written + "' computes exactly '"
            + same + "''s loss and gradients here (every latent site of the guide is"
            + " reparameterised, so there is no score-function term)");
      }
    }
    return notes;
  }
}
