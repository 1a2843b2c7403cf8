package org.pmm.lang.check;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pmm.base.UserError;
import org.pmm.lang.diag.Diagnostic;
import org.pmm.lang.diag.DiagnosticRenderer;
import org.pmm.lang.diag.Diagnostics;

/**
 * The errors of a program that did not pass; a {@link UserError} (exit code 1) whose message is
 * every error rendered in the canonical form (docs/language.md, errors), one after the other.
 */
public final class CheckFailed extends UserError {
  private final List<Diagnostic> diagnostics;
  private final String rendered;

  CheckFailed(Diagnostics diagnostics, Map<String, String> texts) {
    super(render(diagnostics, texts));
    this.diagnostics = diagnostics.sorted();
    this.rendered = getMessage();
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** Every error with its quoted line and caret, separated by newlines. */
  public String rendered() {
    return rendered;
  }

  private static String render(Diagnostics diagnostics, Map<String, String> texts) {
    DiagnosticRenderer renderer = new DiagnosticRenderer(texts);
    String all = diagnostics.sorted().stream().map(renderer::render).collect(Collectors.joining("\n"));
    return diagnostics.truncated() ? all + "\n(stopped after " + Diagnostics.LIMIT + " errors)" : all;
  }
}
