package org.pmm.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmm.lang.ast.SourceLocation;
import org.pmm.lang.diag.Diagnostic;
import org.pmm.lang.diag.DiagnosticRenderer;

/** The canonical error form (docs/language.md, errors), character for character. */
class RenderingTest {

  @Test
  void rendersTheSpecExample() {
    String text = "a\n".repeat(11) + "W_t ~ Laplce(prior_loc, prior_scale)[300, hidden]\n";
    DiagnosticRenderer renderer = new DiagnosticRenderer(Map.of("models/pmmo.pmm", text));
    String rendered = renderer.render(new Diagnostic(new SourceLocation("models/pmmo.pmm", 12, 7),
        "unknown distribution 'Laplce'; did you mean 'Laplace'?"));
    assertEquals("models/pmmo.pmm:12:7: error: unknown distribution 'Laplce'; did you mean 'Laplace'?\n"
        + "    W_t ~ Laplce(prior_loc, prior_scale)[300, hidden]\n"
        + "          ^", rendered);
  }

  @Test
  void notesFollowTheErrorInTheSameForm() {
    DiagnosticRenderer renderer = new DiagnosticRenderer(Map.of("m.pmm", "model m {\n  c = mul(a, b)\n}\n",
        "lib.pmm", "def mul(x, y) {\n  return x @ y\n}\n"));
    String rendered = renderer.render(new Diagnostic(new SourceLocation("m.pmm", 2, 7), "shape mismatch",
        List.of(new Diagnostic.Note(new SourceLocation("lib.pmm", 2, 12), "in function 'mul'"))));
    assertEquals("m.pmm:2:7: error: shape mismatch\n"
        + "      c = mul(a, b)\n"
        + "          ^\n"
        + "lib.pmm:2:12: note: in function 'mul'\n"
        + "      return x @ y\n"
        + "               ^", rendered);
  }

  @Test
  void keepsTabsSoTheCaretStaysAligned() {
    DiagnosticRenderer renderer = new DiagnosticRenderer(Map.of("f.pmm", "\tx = y\n"));
    String rendered = renderer.render(new Diagnostic(new SourceLocation("f.pmm", 1, 6), "undefined name 'y'"));
    assertEquals("f.pmm:1:6: error: undefined name 'y'\n    \tx = y\n    \t    ^", rendered);
  }
}
