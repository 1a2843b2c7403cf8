package org.pmm.lang.compile;

import org.pmm.base.UserError;
import org.pmm.lang.ast.SourceLocation;

/**
 * A construct that passed the checker but that the interpreter cannot run yet (a transposed
 * tensor, nested plates, an estimator the engine lacks). Reported like a check error: the
 * file, line and column, then the reason; exit code 1.
 */
public final class CompileError extends UserError {
  public CompileError(SourceLocation location, String message) {
    super(location == null ? message : location + ": error: " + message);
  }
}
