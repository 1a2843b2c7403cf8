package org.pmm.lang.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmm.lang.ast.Argument;
import org.pmm.lang.ast.Expr;
import org.pmm.lang.program.Dim;
import org.pmm.lang.program.ResolvedExpr;
import org.pmm.lang.program.Shape;
import org.pmm.lang.vocabulary.Range;
import org.pmm.lang.vocabulary.Vocabulary;

/** Checks calls of built-in functions and computes their result shapes. */
final class BuiltinChecker {
  private final Globals globals;
  private final ExpressionChecker expressions;

  BuiltinChecker(Globals globals, ExpressionChecker expressions) {
    this.globals = globals;
    this.expressions = expressions;
  }

  ResolvedExpr check(Expr.Call call, Vocabulary.BuiltinSpec spec, Scope scope, List<Dim> plates) {
    String what = spec.name() + "()";
    if (spec.rule() == Vocabulary.BuiltinRule.CONCAT) {
      return concat(call, scope, plates);
    }
    Map<String, Argument> matched = expressions.match(what, call.arguments(), spec.arguments());
    Map<String, ResolvedExpr> arguments = new LinkedHashMap<>();
    for (Map.Entry<String, Argument> entry : matched.entrySet()) {
      arguments.put(entry.getKey(), expressions.value(entry.getValue().value(), scope, plates));
    }
    if (matched.size() < spec.required()) {
      globals.error(call.location(), what + " needs " + spec.required() + " argument" + (spec.required() == 1 ? "" : "s")
          + " (" + String.join(", ", spec.arguments().subList(0, spec.required())) + ")");
      return new ResolvedExpr.Invalid(call.location());
    }
    boolean inDomain = true;
    for (Map.Entry<String, Range> domain : spec.ranges().entrySet()) {
      inDomain &= globals.ranges.check(arguments.get(domain.getKey()), domain.getValue(),
          "the argument '" + domain.getKey() + "' of " + what);
    }
    if (spec.name().equals("uniform")) {
      inDomain &= uniformBounds(call, arguments);
    }
    Shape shape = switch (spec.rule()) {
      case ELEMENTWISE -> arguments.get("x").shape();
      case INITIALISER -> Shape.UNKNOWN;
      case TRANSPOSE -> transpose(arguments.get("x").shape());
      case REDUCE -> reduce(call, arguments);
      case LOSS -> loss(call, arguments, spec);
      case CONCAT -> throw new IllegalStateException("handled above");
    };
    ResolvedExpr.Builtin result = new ResolvedExpr.Builtin(call.location(), spec.name(), arguments, shape);
    Double constant = Constants.number(result);
    if (inDomain && constant != null && Constants.unrepresentable(constant) != null) {
      Double x = Constants.number(arguments.get("x"));
      globals.error(call.location(), "the constant " + spec.name() + "(" + Constants.format(x) + ") "
          + Constants.unrepresentable(constant));
    }
    return result;
  }

  /** {@code uniform(low, high)} with constant bounds needs low < high. */
  private boolean uniformBounds(Expr.Call call, Map<String, ResolvedExpr> arguments) {
    Double low = Constants.number(arguments.get("low"));
    Double high = Constants.number(arguments.get("high"));
    if (low != null && high != null && !(low < high)) {
      globals.error(call.location(), "uniform(low, high) needs low < high, not " + Constants.format(low) + " and "
          + Constants.format(high));
      return false;
    }
    return true;
  }

  private ResolvedExpr concat(Expr.Call call, Scope scope, List<Dim> plates) {
    List<ResolvedExpr> parts = new ArrayList<>();
    for (Argument argument : call.arguments()) {
      if (argument.isNamed()) {
        globals.error(argument.location(), "concat() takes positional arguments only");
        return new ResolvedExpr.Invalid(call.location());
      }
      parts.add(expressions.value(argument.value(), scope, plates));
    }
    if (parts.size() < 2) {
      globals.error(call.location(), "concat() needs at least 2 arguments");
      return new ResolvedExpr.Invalid(call.location());
    }
    Map<String, ResolvedExpr> arguments = new LinkedHashMap<>();
    Shape first = parts.get(0).shape();
    long width = 0;
    boolean knownWidth = true;
    for (int i = 0; i < parts.size(); i++) {
      Shape shape = parts.get(i).shape();
      arguments.put("x" + i, parts.get(i));
      if (!shape.known() || !first.known()) {
        return new ResolvedExpr.Builtin(call.location(), "concat", arguments, Shape.UNKNOWN);
      }
      if (shape.rank() == 0 || shape.rank() != first.rank() || !shape.dropLast(1).equals(first.dropLast(1))) {
        globals.error(call.arguments().get(i).location(), "concat() needs shapes that differ only in the last dimension: "
            + first + " and " + shape);
        return new ResolvedExpr.Invalid(call.location());
      }
      if (shape.dim(-1) instanceof Dim.Known k) {
        width += k.size();
      } else {
        knownWidth = false;
      }
    }
    Shape shape = first.withLast(knownWidth ? Dim.of(width) : new Dim.Unknown());
    return new ResolvedExpr.Builtin(call.location(), "concat", arguments, shape);
  }

  private static Shape transpose(Shape shape) {
    if (!shape.known() || shape.rank() < 2) {
      return shape;
    }
    List<Dim> dims = new ArrayList<>(shape.dims());
    Dim last = dims.get(dims.size() - 1);
    dims.set(dims.size() - 1, dims.get(dims.size() - 2));
    dims.set(dims.size() - 2, last);
    return new Shape(dims);
  }

  private Shape reduce(Expr.Call call, Map<String, ResolvedExpr> arguments) {
    ResolvedExpr axisExpr = arguments.get("axis");
    Shape shape = arguments.get("x").shape();
    if (axisExpr == null) {
      return Shape.SCALAR;
    }
    Double axis = Constants.number(axisExpr);
    if (axis == null || axis != Math.rint(axis)) {
      globals.error(axisExpr.location(), "axis must be a constant whole number");
      return Shape.UNKNOWN;
    }
    if (!shape.known()) {
      return Shape.UNKNOWN;
    }
    int index = axis.intValue() < 0 ? shape.rank() + axis.intValue() : axis.intValue();
    if (index < 0 || index >= shape.rank()) {
      globals.error(axisExpr.location(), "axis " + axis.intValue() + " is out of range for shape " + shape);
      return Shape.UNKNOWN;
    }
    List<Dim> dims = new ArrayList<>(shape.dims());
    dims.remove(index);
    return new Shape(dims);
  }

  private Shape loss(Expr.Call call, Map<String, ResolvedExpr> arguments, Vocabulary.BuiltinSpec spec) {
    Shape a = arguments.get(spec.arguments().get(0)).shape();
    Shape b = arguments.get(spec.arguments().get(1)).shape();
    if (a.known() && b.known() && !a.equals(b)) {
      globals.error(call.location(), "shape mismatch: " + spec.name() + "() compares " + a + " with " + b);
    }
    return Shape.SCALAR;
  }
}
