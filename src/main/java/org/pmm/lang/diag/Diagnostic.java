package org.pmm.lang.diag;

import org.pmm.lang.ast.SourceLocation;

/**
 * One error found in a {@code .pmm} file. {@link #header()} is the first line of the canonical form
 * (docs/language.md, errors); {@link DiagnosticRenderer} adds the quoted source line and the caret.
 *
 * <pre>{@code
 * new Diagnostic(new SourceLocation("m.pmm", 3, 7), "unknown distribution 'Laplce'; did you mean 'Laplace'?")
 *     .header()  // "m.pmm:3:7: error: unknown distribution 'Laplce'; did you mean 'Laplace'?"
 * }</pre>
 */
public record Diagnostic(SourceLocation location, String message) {

  public String header() {
    if (location.line() <= 0) {
      return location.file() + ": error: " + message;
    }
    return location + ": error: " + message;
  }
}
