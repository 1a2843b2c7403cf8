package org.pmm.lang.check;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pmm.base.ExitCodes;
import org.pmm.base.UserError;
import org.pmm.lang.program.CheckedProgram;
import org.pmm.lang.program.Definitions;

/**
 * Command-line overrides of hyperparameters ({@code --set name=value}), typed by each
 * declared default; shapes that depend on them are checked again.
 *
 * <pre>{@code
 * CheckedProgram small = Hyperparameters.override(program, Map.of("hidden", "1024", "elbo", "trace"));
 * Hyperparameters.parseAssignments(List.of("hidden=1024"))  // {hidden=1024}
 * }</pre>
 */
public final class Hyperparameters {
  private Hyperparameters() {}

  /**
   * A new program with the given values in force (on top of those already overridden).
   *
   * @throws CheckFailed for an unknown name ("did you mean"), a value of the wrong type, or a
   *     program that no longer checks with the new values
   */
  public static CheckedProgram override(CheckedProgram program, Map<String, String> overrides) {
    Map<String, String> merged = new LinkedHashMap<>();
    for (Definitions.Hyperparameter hyper : program.hyperparameters().values()) {
      if (!hyper.value().equals(hyper.defaultValue())) {
        merged.put(hyper.name(), hyper.value().toString());
      }
    }
    merged.putAll(overrides);
    return ProgramChecker.recheck(program.sources(), merged);
  }

  /** Splits {@code name=value} strings; a malformed one is a usage error. */
  public static Map<String, String> parseAssignments(Iterable<String> assignments) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String assignment : assignments) {
      int equals = assignment.indexOf('=');
      if (equals <= 0) {
        throw new UserError("--set expects name=value, not '" + assignment + "'", ExitCodes.USAGE);
      }
      out.put(assignment.substring(0, equals).trim(), assignment.substring(equals + 1));
    }
    return out;
  }
}
