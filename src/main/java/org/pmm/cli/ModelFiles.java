package org.pmm.cli;

import java.nio.file.Path;
import java.util.Map;
import org.pmm.base.FileKinds;
import org.pmm.base.UserError;
import org.pmm.lang.check.CheckFailed;
import org.pmm.lang.check.ProgramChecker;
import org.pmm.lang.program.CheckedProgram;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The model file a command was given, checked: a path that is not a regular file is a user
 * error; check errors are printed in the canonical form on the command's standard error.
 *
 * <pre>{@code
 * CheckedProgram program = ModelFiles.check(model, overrides, spec);
 * if (program == null) {
 *   return ExitCodes.BAD_INPUT;   // the errors are printed
 * }
 * }</pre>
 */
final class ModelFiles {
  private ModelFiles() {}

  /** The checked program, or null after printing its check errors. */
  static CheckedProgram check(Path model, Map<String, String> overrides, CommandSpec spec) {
    String notAFile = FileKinds.notARegularFile(model);
    if (notAFile != null) {
      throw new UserError("model file '" + model + "' " + notAFile);
    }
    try {
      return ProgramChecker.checkFile(model, model.toString(), overrides);
    } catch (CheckFailed failed) {
      spec.commandLine().getErr().println(failed.rendered());
      spec.commandLine().getErr().flush();
      return null;
    }
  }
}
