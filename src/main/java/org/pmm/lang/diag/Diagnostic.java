package org.pmm.lang.diag;

import java.util.List;
import org.pmm.lang.ast.SourceLocation;

/**
 * One error found in a {@code .pmm} file. {@link #header()} is the first line of the canonical form
 * (docs/language.md, errors); {@link DiagnosticRenderer} adds the quoted source line and the caret,
 * then each note the same way. Notes point at further places that explain the error, such as the
 * line of an imported function where a call of the user's file went wrong.
 *
 * <pre>{@code
 * new Diagnostic(new SourceLocation("m.pmm", 3, 7), "unknown distribution 'Laplce'; did you mean 'Laplace'?")
 *     .header()  // "m.pmm:3:7: error: unknown distribution 'Laplce'; did you mean 'Laplace'?"
 * }</pre>
 */
public record Diagnostic(SourceLocation location, String message, List<Note> notes) {

  /** A place that explains an error: {@code stdlib/bayesian.pmm:9:12: note: in function 'affine'}. */
  public record Note(SourceLocation location, String message) {
    public String header() {
      return location + ": note: " + message;
    }
  }

  public Diagnostic {
    notes = List.copyOf(notes);
  }

  public Diagnostic(SourceLocation location, String message) {
    this(location, message, List.of());
  }

  public String header() {
    if (location.line() <= 0) {
      return location.file() + ": error: " + message;
    }
    return location + ": error: " + message;
  }
}
