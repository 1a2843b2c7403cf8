package org.pmm.lang.diag;

import java.util.Map;
import org.pmm.lang.ast.SourceLocation;

/**
 * Renders a {@link Diagnostic} in the canonical form of docs/language.md (errors): the header, the
 * source line indented by four spaces, and a caret under the column; then each note in the same
 * form. Very long lines are shown as a
 * window around the column so that a 1 MB line does not flood the terminal.
 *
 * <pre>{@code
 * models/pmmo.pmm:12:7: error: unknown distribution 'Laplce'; did you mean 'Laplace'?
 *     W_t ~ Laplce(prior_loc, prior_scale)[300, hidden]
 *           ^
 * }</pre>
 */
public final class DiagnosticRenderer {
  private static final int WINDOW = 100;
  private static final String INDENT = "    ";

  private final Map<String, String> texts;

  /** @param texts the text of every file by its display path (files not found show no line) */
  public DiagnosticRenderer(Map<String, String> texts) {
    this.texts = texts;
  }

  public String render(Diagnostic diagnostic) {
    StringBuilder out = new StringBuilder();
    quote(out.append(diagnostic.header()), diagnostic.location());
    for (Diagnostic.Note note : diagnostic.notes()) {
      quote(out.append('\n').append(note.header()), note.location());
    }
    return out.toString();
  }

  /** Appends the source line of {@code location} and a caret under its column, when known. */
  private void quote(StringBuilder out, SourceLocation location) {
    String text = texts.get(location.file());
    int lineNumber = location.line();
    if (text == null || lineNumber <= 0) {
      return;
    }
    String line = lineOf(text, lineNumber);
    if (line == null) {
      return;
    }
    int caret = Math.max(0, Math.min(location.column() - 1, line.length()));
    int start = 0;
    String prefix = "";
    if (line.length() > WINDOW) {
      start = Math.max(0, caret - WINDOW / 2);
      int end = Math.min(line.length(), start + WINDOW);
      prefix = start > 0 ? "..." : "";
      line = prefix + line.substring(start, end) + (end < line.length() ? "..." : "");
    }
    out.append('\n').append(INDENT).append(printable(line)).append('\n').append(INDENT);
    // Keep tabs of the quoted line in the caret line so that the caret stays aligned.
    String shown = prefix + lineOf(text, lineNumber).substring(start, caret);
    for (int i = 0; i < shown.length(); i++) {
      out.append(shown.charAt(i) == '\t' ? '\t' : ' ');
    }
    out.append('^');
  }

  private static String printable(String line) {
    StringBuilder out = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      out.append(c == '\t' || c >= ' ' && c != 0x7f ? c : '?');
    }
    return out.toString();
  }

  private static String lineOf(String text, int lineNumber) {
    int start = 0;
    for (int line = 1; line < lineNumber; line++) {
      int next = text.indexOf('\n', start);
      if (next < 0) {
        return null;
      }
      start = next + 1;
    }
    int end = text.indexOf('\n', start);
    String line = end < 0 ? text.substring(start) : text.substring(start, end);
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
