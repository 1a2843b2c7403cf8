package org.pmm.lang.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pmm.lang.ast.SourceLocation;

/**
 * Collects errors so that one run reports several independent ones. After {@link #LIMIT}
 * errors further reports are dropped (and {@link #truncated()} says so), which also bounds the
 * work done on garbage input.
 */
public final class Diagnostics {
  /** The most errors reported for one run of the checker. */
  public static final int LIMIT = 50;

  private final List<Diagnostic> errors = new ArrayList<>();
  private boolean truncated;

  public void error(SourceLocation location, String message) {
    error(new Diagnostic(location, message));
  }

  public void error(Diagnostic candidate) {
    if (errors.size() >= LIMIT) {
      truncated = true;
      return;
    }
    if (!errors.contains(candidate)) {
      errors.add(candidate);
    }
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  public boolean full() {
    return errors.size() >= LIMIT;
  }

  public boolean truncated() {
    return truncated;
  }

  public int count() {
    return errors.size();
  }

  /** The errors in file, line and column order (stable for errors at the same place). */
  public List<Diagnostic> sorted() {
    List<Diagnostic> copy = new ArrayList<>(errors);
    copy.sort(Comparator.comparing((Diagnostic d) -> d.location().file())
        .thenComparingInt(d -> d.location().line())
        .thenComparingInt(d -> d.location().column()));
    return copy;
  }
}
