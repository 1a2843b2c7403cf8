package org.pmm.lang.check;

import java.util.List;
import org.pmm.lang.ast.SourceLocation;
import org.pmm.lang.diag.Diagnostic;
import org.pmm.lang.program.Definitions;
import org.pmm.lang.program.ResolvedExpr;
import org.pmm.lang.vocabulary.Range;

/**
 * Holds constants to the {@link Range} that the vocabulary declares for where they are used.
 * A hyperparameter out of range is reported where it got its value, the {@code --set} flag or
 * its {@code hyper} line, once, with a note at the use; any other constant is reported where
 * it is written (a value computed from a hyperparameter already reported is left alone).
 *
 * <pre>{@code
 * ranges.check(value, Range.POSITIVE, "option 'clip' of ClippedAdam")
 * // --set: error: hyperparameter 'clip' must be positive (it is option 'clip' of ClippedAdam), not 0
 * }</pre>
 */
final class Ranges {
  /** Where {@code --set} values are reported: the flag, without a line. */
  static final SourceLocation SET_FLAG = new SourceLocation("--set", 0, 0);

  private final Globals globals;

  Ranges(Globals globals) {
    this.globals = globals;
  }

  /**
   * Reports a constant {@code value} (or constant elements of an array) outside {@code range};
   * {@code what} names the use ("a dimension", "option 'lr' of Adam"). True when the value is in
   * range or not a constant.
   */
  boolean check(ResolvedExpr value, Range range, String what) {
    if (value instanceof ResolvedExpr.Stack stack) {
      boolean ok = true;
      for (ResolvedExpr element : stack.elements()) {
        ok &= check(element, range, what);
      }
      return ok;
    }
    Double number = Constants.number(value);
    if (number == null || range.contains(number)) {
      return true;
    }
    String problem = " must be " + range.words();
    String shown = Constants.format(number) + range.why(number);
    if (value instanceof ResolvedExpr.HyperRef hyper) {
      if (globals.outOfRange.add(hyper.name())) {
        globals.error(origin(hyper.name()), "hyperparameter '" + hyper.name() + "'" + problem + " (it is " + what
            + "), not " + shown, List.of(new Diagnostic.Note(value.location(), "used here")));
      }
    } else if (!mentionsOutOfRange(value)) {
      globals.error(value.location(), what + problem + ", not " + shown);
    }
    return false;
  }

  /** Where a hyperparameter's value comes from: the {@code --set} flag, or its hyper line. */
  SourceLocation origin(String hyperparameter) {
    Definitions.Hyperparameter hyper = globals.hyperparameters.get(hyperparameter);
    return globals.overridden.contains(hyperparameter) || hyper == null ? SET_FLAG : hyper.location();
  }

  private boolean mentionsOutOfRange(ResolvedExpr value) {
    if (value instanceof ResolvedExpr.HyperRef hyper) {
      return globals.outOfRange.contains(hyper.name());
    } else if (value instanceof ResolvedExpr.Unary unary) {
      return mentionsOutOfRange(unary.operand());
    } else if (value instanceof ResolvedExpr.Binary binary) {
      return mentionsOutOfRange(binary.left()) || mentionsOutOfRange(binary.right());
    } else if (value instanceof ResolvedExpr.Builtin builtin) {
      return builtin.arguments().values().stream().anyMatch(this::mentionsOutOfRange);
    }
    return false;
  }
}
