package org.pmm.lang.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmm.lang.ast.Argument;
import org.pmm.lang.ast.Expr;
import org.pmm.lang.program.Dim;
import org.pmm.lang.program.ResolvedExpr;
import org.pmm.lang.program.Shape;
import org.pmm.lang.vocabulary.Vocabulary;

/** Checks a distribution's arguments against the vocabulary and computes its shapes. */
final class DistributionChecker {
  private final Globals globals;
  private final ExpressionChecker expressions;

  DistributionChecker(Globals globals, ExpressionChecker expressions) {
    this.globals = globals;
    this.expressions = expressions;
  }

  ResolvedExpr check(Expr.Call call, Vocabulary.DistributionSpec spec, Scope scope, List<Dim> plates) {
    String what = spec.name();
    boolean choice = !spec.choices().isEmpty();
    List<String> names = choice ? spec.choices() : spec.parameters();
    if (choice) {
      for (Argument argument : call.arguments()) {
        if (!argument.isNamed()) {
          globals.error(argument.location(), what + " takes a named argument: " + String.join(": or ", names) + ":");
          return new ResolvedExpr.Invalid(call.location());
        }
      }
    }
    Map<String, Argument> matched = expressions.match(what, call.arguments(), names);
    Map<String, ResolvedExpr> arguments = new LinkedHashMap<>();
    Shape batch = Shape.SCALAR;
    String batchFrom = null;
    boolean valid = true;
    for (Map.Entry<String, Argument> entry : matched.entrySet()) {
      ResolvedExpr value = expressions.check(entry.getValue().value(), scope, plates);
      String problem = ExpressionChecker.notANumber(value);
      if (problem != null) {
        globals.error(entry.getValue().value().location(), "argument '" + entry.getKey() + "' of " + what
            + " must be a number or tensor, not " + problem);
        valid = false;
        continue;
      }
      globals.ranges.check(value, spec.range(entry.getKey()), "argument '" + entry.getKey() + "' of " + what);
      Shape shape = spec.eventRule() == Vocabulary.EventRule.SCALAR ? value.shape() : value.shape().dropLast(1);
      Shape merged = batch.broadcast(shape).orElse(null);
      if (merged == null) {
        globals.error(entry.getValue().location(), "argument " + describe(entry, scope) + " of " + what
            + " has shape " + shape + ", which does not broadcast with " + batch + " of argument " + batchFrom);
        valid = false;
        continue;
      }
      if (!merged.equals(batch) || batchFrom == null) {
        batchFrom = describe(entry, scope);
      }
      batch = merged;
      arguments.put(entry.getKey(), value);
    }
    if (choice && matched.size() != 1) {
      globals.error(call.location(), what + " takes exactly one of " + quoted(names));
      return new ResolvedExpr.Invalid(call.location());
    }
    if (!choice) {
      for (String name : names) {
        if (!matched.containsKey(name)) {
          globals.error(call.location(), what + " needs argument '" + name + "'");
          valid = false;
        }
      }
    }
    if (!valid) {
      return new ResolvedExpr.Invalid(call.location());
    }
    Shape event = Shape.SCALAR;
    if (spec.eventRule() == Vocabulary.EventRule.VECTOR) {
      ResolvedExpr only = arguments.values().iterator().next();
      event = only.shape().known() && only.shape().rank() > 0 ? Shape.of(only.shape().dim(-1)) : Shape.UNKNOWN;
    }
    return new ResolvedExpr.Distribution(call.location(), spec, arguments, batch, event);
  }

  /** {@code Dist(...)[d1, d2]}: the written batch shape, to which the arguments must broadcast. */
  static ResolvedExpr expand(Globals globals, ExpressionChecker expressions, ResolvedExpr.Distribution distribution,
      Expr.Index index, Scope scope) {
    Dim[] dims = new Dim[index.indices().size()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = expressions.dimension(index.indices().get(i), scope);
    }
    Shape written = Shape.of(dims);
    Shape merged = distribution.batchShape().broadcast(written).orElse(null);
    if (merged == null || !merged.equals(written) && merged.known()) {
      globals.error(index.location(), "arguments of " + distribution.spec().name() + " have shape "
          + distribution.batchShape() + ", which does not broadcast to " + written);
      return new ResolvedExpr.Invalid(index.location());
    }
    return new ResolvedExpr.Distribution(distribution.location(), distribution.spec(), distribution.arguments(),
        written, distribution.eventShape());
  }

  /** {@code 'loc'}, and where its shape comes from when it is a name: {@code 'loc' (z_loc, declared at f:3:3)}. */
  private static String describe(Map.Entry<String, Argument> argument, Scope scope) {
    String out = "'" + argument.getKey() + "'";
    if (argument.getValue().value() instanceof Expr.Reference r) {
      Scope.Entry e = scope.lookup(r.dotted());
      if (e != null) {
        out += " (" + r.dotted() + ", declared at " + e.definedAt() + ")";
      }
    }
    return out;
  }

  private static String quoted(List<String> names) {
    return "'" + String.join("' or '", names) + "'";
  }
}
