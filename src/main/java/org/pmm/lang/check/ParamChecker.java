package org.pmm.lang.check;

import java.util.List;
import org.pmm.lang.ast.Expr;
import org.pmm.lang.ast.Statement;
import org.pmm.base.SpellingSuggestions;
import org.pmm.lang.program.Dim;
import org.pmm.lang.program.ParamConstraint;
import org.pmm.lang.program.ResolvedExpr;
import org.pmm.lang.program.ResolvedStatement;
import org.pmm.lang.program.Shape;
import org.pmm.lang.vocabulary.Range;
import org.pmm.lang.vocabulary.Vocabulary;

/** Checks {@code param name[shape] constraint = init}: shape, support and initial value. */
final class ParamChecker {
  private final Globals globals;
  private final ExpressionChecker expressions;

  ParamChecker(Globals globals, ExpressionChecker expressions) {
    this.globals = globals;
    this.expressions = expressions;
  }

  ResolvedStatement check(Statement.Param param, Scope scope, String prefix, List<Dim> plates) {
    if (!plates.isEmpty()) {
      globals.error(param.location(), "parameter '" + param.name() + "' is declared inside a plate; declare it before the plate");
      return null;
    }
    ResolvedExpr init = expressions.check(param.init(), scope, plates);
    boolean initialiser = init instanceof ResolvedExpr.Builtin b
        && Vocabulary.BUILTINS.get(b.name()).rule() == Vocabulary.BuiltinRule.INITIALISER;
    if (!initialiser && ExpressionChecker.notANumber(init) != null) {
      globals.error(param.init().location(), "the initial value of parameter '" + param.name()
          + "' must be a number, a tensor or an initialiser such as glorot(), not " + ExpressionChecker.notANumber(init));
      return null;
    }
    Shape shape;
    if (param.shape() != null) {
      Dim[] dims = new Dim[param.shape().size()];
      for (int i = 0; i < dims.length; i++) {
        dims[i] = expressions.dimension(param.shape().get(i), scope);
      }
      shape = Shape.of(dims);
      Shape merged = init.shape().broadcast(shape).orElse(null);
      if (!initialiser && (merged == null || merged.known() && !merged.equals(shape))) {
        globals.error(param.init().location(), "the initial value of parameter '" + param.name() + "' has shape "
            + init.shape() + ", which does not broadcast to " + shape);
      }
    } else if (initialiser) {
      globals.error(param.location(), "parameter '" + param.name() + "' needs a shape for " + ((ResolvedExpr.Builtin) init).name()
          + "(): param " + param.name() + "[rows, columns] = ...");
      return null;
    } else {
      shape = init.shape();
    }
    if (initialiser && ((ResolvedExpr.Builtin) init).name().equals("glorot") && shape.known() && shape.rank() < 1) {
      globals.error(param.init().location(), "glorot() needs a parameter with at least one dimension");
    }
    ParamConstraint constraint = constraint(param.constraint(), scope);
    if (constraint == null) {
      return null;
    }
    if (!constraint.kind().equals("real")) {
      globals.ranges.check(init, support(constraint), "the initial value of parameter '" + prefix + param.name() + "'");
    }
    return new ResolvedStatement.Param(param.location(), prefix + param.name(), shape, constraint, init);
  }

  /** The open range of a constrained parameter's values, which its initial value must lie in. */
  private static Range support(ParamConstraint constraint) {
    if (constraint.kind().equals("positive")) {
      return Range.POSITIVE;
    }
    return new Range(constraint.low(), false, constraint.high(), false, false, "inside its support "
        + constraint.kind() + " (" + Constants.format(constraint.low()) + ", " + Constants.format(constraint.high()) + ")");
  }

  private ParamConstraint constraint(Statement.Constraint constraint, Scope scope) {
    if (constraint == null) {
      return ParamConstraint.REAL;
    }
    if (constraint instanceof Statement.Constraint.LowerBound lower) {
      Double bound = Constants.number(expressions.check(lower.bound(), scope, null));
      if (bound == null || bound != 0) {
        globals.error(lower.bound().location(), "only '> 0' (positive) is supported as a lower bound; "
            + "use 'in (low, high)' for an interval");
        return null;
      }
      return ParamConstraint.POSITIVE;
    }
    if (constraint instanceof Statement.Constraint.Interval interval) {
      Double low = Constants.number(expressions.check(interval.low(), scope, null));
      Double high = Constants.number(expressions.check(interval.high(), scope, null));
      if (low == null || high == null || low >= high) {
        globals.error(interval.location(), "an interval needs constant bounds with low < high");
        return null;
      }
      return new ParamConstraint(low == 0 && high == 1 ? "unit_interval" : "interval", low, high);
    }
    return named((Statement.Constraint.Named) constraint);
  }

  private ParamConstraint named(Statement.Constraint.Named named) {
    return switch (named.kind()) {
      case "real" -> ParamConstraint.REAL;
      case "positive" -> ParamConstraint.POSITIVE;
      case "unit_interval" -> new ParamConstraint("unit_interval", 0, 1);
      case "simplex" -> new ParamConstraint("simplex", 0, 1);
      case "interval" -> {
        globals.error(named.location(), "write an interval as 'in (low, high)'");
        yield null;
      }
      default -> {
        globals.error(named.location(), "unknown constraint '" + named.kind() + "'"
            + SpellingSuggestions.didYouMean(named.kind(), Vocabulary.CONSTRAINTS));
        yield null;
      }
    };
  }
}
