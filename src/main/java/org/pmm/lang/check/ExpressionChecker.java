package org.pmm.lang.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.pmm.lang.ast.Argument;
import org.pmm.lang.ast.Declaration;
import org.pmm.lang.ast.Expr;
import org.pmm.lang.ast.SourceLocation;
import org.pmm.lang.ast.Statement;
import org.pmm.base.SpellingSuggestions;
import org.pmm.lang.program.Dim;
import org.pmm.lang.program.HyperValue;
import org.pmm.lang.program.ResolvedExpr;
import org.pmm.lang.program.ResolvedStatement;
import org.pmm.lang.program.Shape;
import org.pmm.lang.vocabulary.Range;
import org.pmm.lang.vocabulary.Vocabulary;

/**
 * Resolves and shape-checks expressions. {@code plates} are the sizes of the enclosing plates
 * when checking a model or guide body (null elsewhere): a data input whose first dimension is
 * a symbol such as {@code N} may only be read inside a plate over it.
 */
final class ExpressionChecker {
  private final Globals globals;
  private final NetworkChecker networks;

  ExpressionChecker(Globals globals) {
    this.globals = globals;
    this.networks = new NetworkChecker(globals, this);
  }

  ResolvedExpr check(Expr expr, Scope scope, List<Dim> plates) {
    if (expr instanceof Expr.Number n) {
      return new ResolvedExpr.Constant(n.location(), n.value(), n.integer());
    } else if (expr instanceof Expr.Text t) {
      return new ResolvedExpr.Text(t.location(), t.value());
    } else if (expr instanceof Expr.Bool b) {
      return new ResolvedExpr.Flag(b.location(), b.value());
    } else if (expr instanceof Expr.Array a) {
      return array(a, scope, plates);
    } else if (expr instanceof Expr.Reference r) {
      return reference(r, scope, plates);
    } else if (expr instanceof Expr.Call c) {
      return call(c, scope, plates);
    } else if (expr instanceof Expr.Index i) {
      return index(i, scope, plates);
    } else if (expr instanceof Expr.Unary u) {
      ResolvedExpr operand = value(u.operand(), scope, plates);
      return new ResolvedExpr.Unary(u.location(), u.operator(), operand, operand.shape());
    } else if (expr instanceof Expr.Binary b) {
      return binary(b, scope, plates);
    }
    return conditional((Expr.Conditional) expr, scope, plates);
  }

  /** Checks an expression that must be a numeric value (not a distribution, string or symbol). */
  ResolvedExpr value(Expr expr, Scope scope, List<Dim> plates) {
    ResolvedExpr resolved = check(expr, scope, plates);
    String problem = notANumber(resolved);
    if (problem != null) {
      globals.error(expr.location(), "expected a number or tensor here, not " + problem);
      return new ResolvedExpr.Invalid(expr.location());
    }
    return resolved;
  }

  /** Why a resolved expression is not numeric ("a string", ...), or null when it is. */
  static String notANumber(ResolvedExpr resolved) {
    if (resolved instanceof ResolvedExpr.Text) {
      return "a string";
    } else if (resolved instanceof ResolvedExpr.Flag) {
      return "a boolean";
    } else if (resolved instanceof ResolvedExpr.Symbol s) {
      return "the symbol '" + s.value() + "'";
    } else if (resolved instanceof ResolvedExpr.Distribution) {
      return "a distribution (sample it with '~')";
    } else if (resolved instanceof ResolvedExpr.HyperRef h && h.value().asNumber() == null) {
      return "the " + h.value().typeName() + " hyperparameter '" + h.name() + "'";
    } else if (resolved instanceof ResolvedExpr.Builtin b
        && Vocabulary.BUILTINS.get(b.name()).rule() == Vocabulary.BuiltinRule.INITIALISER) {
      return b.name() + "() (an initialiser belongs after 'param name[shape] =')";
    }
    return null;
  }

  private ResolvedExpr array(Expr.Array array, Scope scope, List<Dim> plates) {
    List<ResolvedExpr> elements = new ArrayList<>();
    Shape element = null;
    for (Expr e : array.elements()) {
      ResolvedExpr resolved = value(e, scope, plates);
      elements.add(resolved);
      if (element == null) {
        element = resolved.shape();
      } else if (element.known() && resolved.shape().known() && !element.equals(resolved.shape())) {
        globals.error(e.location(), "array elements have different shapes: " + element + " and " + resolved.shape());
        return new ResolvedExpr.Invalid(array.location());
      }
    }
    Shape shape = Shape.of(Dim.of(elements.size())).append(element == null ? Shape.SCALAR : element);
    return new ResolvedExpr.Stack(array.location(), elements, shape);
  }

  private ResolvedExpr reference(Expr.Reference reference, Scope scope, List<Dim> plates) {
    String name = reference.dotted();
    Scope.Entry entry = scope.lookup(name);
    if (entry == null && reference.parts().size() == 1 && Vocabulary.enumerationOf(name) != null) {
      return new ResolvedExpr.Symbol(reference.location(), name, Vocabulary.enumerationOf(name));
    }
    if (entry == null) {
      undefined(reference.location(), name, scope);
      return new ResolvedExpr.Invalid(reference.location());
    }
    ResolvedExpr resolved = entry.resolve().apply(reference.location());
    if (resolved instanceof ResolvedExpr.DataRef data && plates != null && data.shape().rank() > 0
        && data.shape().dim(0) instanceof Dim.Symbol rows && !plates.contains(rows)) {
      globals.error(reference.location(), "data '" + name + "' has " + rows + " rows and must be used inside a plate of size "
          + rows);
    }
    return resolved;
  }

  void undefined(SourceLocation location, String name, Scope scope) {
    TreeSet<String> candidates = scope.visibleNames();
    globals.error(location, "undefined name '" + name + "'" + SpellingSuggestions.didYouMean(name, candidates));
  }

  private ResolvedExpr call(Expr.Call call, Scope scope, List<Dim> plates) {
    String name = call.dotted();
    Vocabulary.DistributionSpec distribution = Vocabulary.DISTRIBUTIONS.get(name);
    if (distribution != null) {
      return new DistributionChecker(globals, this).check(call, distribution, scope, plates);
    }
    if (globals.functions.containsKey(name)) {
      return inline(call, globals.functions.get(name), scope, plates);
    }
    if (globals.networkDeclarations.containsKey(name)) {
      return networks.call(call, globals.networkDeclarations.get(name), scope, plates);
    }
    Vocabulary.BuiltinSpec builtin = Vocabulary.BUILTINS.get(name);
    if (builtin != null) {
      return new BuiltinChecker(globals, this).check(call, builtin, scope, plates);
    }
    if (Character.isUpperCase(name.charAt(0))) {
      globals.error(call.location(), "unknown distribution '" + name + "'"
          + SpellingSuggestions.didYouMean(name, Vocabulary.DISTRIBUTIONS.keySet()));
    } else {
      TreeSet<String> candidates = new TreeSet<>(Vocabulary.BUILTINS.keySet());
      candidates.addAll(globals.functions.keySet());
      candidates.addAll(globals.networkDeclarations.keySet());
      globals.error(call.location(), "unknown function '" + name + "'" + SpellingSuggestions.didYouMean(name, candidates));
    }
    for (Argument argument : call.arguments()) {
      check(argument.value(), scope, plates);
    }
    return new ResolvedExpr.Invalid(call.location());
  }

  private ResolvedExpr inline(Expr.Call call, Declaration.Function function, Scope scope, List<Dim> plates) {
    if (globals.inlineStack.contains(function.name())) {
      globals.error(call.location(), "function '" + function.name() + "' calls itself (recursion is not supported)");
      return new ResolvedExpr.Invalid(call.location());
    }
    if (call.arguments().size() != function.parameters().size()) {
      globals.error(call.location(), "function '" + function.name() + "' takes " + function.parameters().size()
          + " argument" + (function.parameters().size() == 1 ? "" : "s") + ", not " + call.arguments().size());
      return new ResolvedExpr.Invalid(call.location());
    }
    Scope inner = new Scope(globals.scope);
    for (int i = 0; i < call.arguments().size(); i++) {
      Argument argument = call.arguments().get(i);
      if (argument.isNamed()) {
        globals.error(argument.location(), "arguments of function '" + function.name() + "' are positional");
      }
      ResolvedExpr value = value(argument.value(), scope, plates);
      Declaration.Parameter parameter = function.parameters().get(i);
      inner.define(parameter.name(), new Scope.Entry("parameter", parameter.location(), at -> value));
    }
    globals.inlineStack.add(function.name());
    globals.enter(call.location(), "function '" + function.name() + "'");
    try {
      if (!globals.expand(1 + function.body().size())) {
        return new ResolvedExpr.Invalid(call.location());
      }
      return inlineBody(call, function, inner, plates);
    } finally {
      globals.leave();
      globals.inlineStack.remove(globals.inlineStack.size() - 1);
    }
  }

  private ResolvedExpr inlineBody(Expr.Call call, Declaration.Function function, Scope inner, List<Dim> plates) {
    String prefix = function.name() + "#" + (++globals.uniqueCounter) + ".";
    List<ResolvedStatement> body = new ArrayList<>();
    ResolvedExpr result = null;
    for (Statement statement : function.body()) {
      if (result != null) {
        globals.error(statement.location(), "statement after 'return' in function '" + function.name() + "'");
        break;
      }
      if (statement instanceof Statement.Assign assign) {
        ResolvedExpr value = value(assign.value(), inner, plates);
        String local = prefix + assign.name();
        body.add(new ResolvedStatement.Assign(assign.location(), local, value));
        inner.define(assign.name(), new Scope.Entry("local", assign.location(),
            at -> new ResolvedExpr.LocalRef(at, local, value.shape())));
      } else if (statement instanceof Statement.Return ret) {
        result = value(ret.value(), inner, plates);
      } else {
        globals.error(statement.location(), "a function may only assign locals and return a value; "
            + "sample sites and parameters belong in a model, guide or module");
      }
    }
    if (result == null) {
      globals.error(function.location(), "function '" + function.name() + "' does not end with 'return'");
      return new ResolvedExpr.Invalid(call.location());
    }
    return new ResolvedExpr.Inlined(call.location(), function.name(), body, result);
  }

  private ResolvedExpr index(Expr.Index index, Scope scope, List<Dim> plates) {
    ResolvedExpr base = check(index.base(), scope, plates);
    if (base instanceof ResolvedExpr.Invalid) {
      return base;
    }
    if (base instanceof ResolvedExpr.Distribution distribution) {
      return DistributionChecker.expand(globals, this, distribution, index, scope);
    }
    if (notANumber(base) != null) {
      globals.error(index.location(), "cannot index " + notANumber(base));
      return new ResolvedExpr.Invalid(index.location());
    }
    List<ResolvedExpr> indices = new ArrayList<>();
    for (Expr i : index.indices()) {
      ResolvedExpr resolved = value(i, scope, plates);
      if (resolved.shape().known() && resolved.shape().rank() != 0) {
        globals.error(i.location(), "an index must be a single whole number, not shape " + resolved.shape());
      }
      indices.add(resolved);
    }
    Shape shape = base.shape();
    if (shape.known() && indices.size() > shape.rank()) {
      globals.error(index.location(), "too many indices: " + indices.size() + " for a value of shape " + shape);
      return new ResolvedExpr.Invalid(index.location());
    }
    Shape result = shape.known() ? new Shape(shape.dims().subList(indices.size(), shape.rank())) : Shape.UNKNOWN;
    return new ResolvedExpr.Index(index.location(), base, indices, result);
  }

  private ResolvedExpr binary(Expr.Binary binary, Scope scope, List<Dim> plates) {
    ResolvedExpr left = value(binary.left(), scope, plates);
    ResolvedExpr right = value(binary.right(), scope, plates);
    Shape a = left.shape();
    Shape b = right.shape();
    String symbol = binary.operator().symbol();
    if (binary.operator() == Expr.Operator.MATMUL) {
      return new ResolvedExpr.Binary(binary.location(), binary.operator(), left, right, matmul(binary, a, b));
    }
    Shape shape = a.broadcast(b).orElse(null);
    if (shape == null) {
      globals.error(binary.location(), "shape mismatch: " + a + " " + symbol + " " + b + " (the shapes do not broadcast)");
      shape = Shape.UNKNOWN;
    }
    ResolvedExpr.Binary result = new ResolvedExpr.Binary(binary.location(), binary.operator(), left, right, shape);
    representable(result, symbol);
    return result;
  }

  /**
   * Reports a constant operation whose value the engine cannot hold ({@code 1 / 0}, {@code 10 ^
   * 100}); only where it first goes wrong, not again at every operation built on it.
   */
  private void representable(ResolvedExpr.Binary binary, String symbol) {
    Double l = Constants.number(binary.left());
    Double r = Constants.number(binary.right());
    if (l == null || r == null || Constants.unrepresentable(l) != null || Constants.unrepresentable(r) != null) {
      return;
    }
    String problem = Constants.unrepresentable(Constants.apply(binary.operator(), l, r));
    if (problem != null) {
      globals.error(binary.location(), "the constant " + Constants.format(l) + " " + symbol + " " + Constants.format(r)
          + " " + problem);
    }
  }

  private Shape matmul(Expr.Binary binary, Shape a, Shape b) {
    if (!a.known() || !b.known()) {
      return Shape.UNKNOWN;
    }
    if (a.rank() < 1 || b.rank() < 1 || b.rank() > 2) {
      globals.error(binary.location(), "cannot multiply " + a + " @ " + b + " (the left side needs at least one "
          + "dimension, the right side one or two)");
      return Shape.UNKNOWN;
    }
    if (!Shape.compatible(a.dim(-1), b.dim(0))) {
      globals.error(binary.location(), "shape mismatch: " + a + " @ " + b + " (inner dimensions " + a.dim(-1) + " and "
          + b.dim(0) + " differ)");
      return Shape.UNKNOWN;
    }
    Shape out = a.dropLast(1);
    return b.rank() == 2 ? out.append(Shape.of(b.dim(1))) : out;
  }

  private ResolvedExpr conditional(Expr.Conditional conditional, Scope scope, List<Dim> plates) {
    ResolvedExpr condition = check(conditional.condition(), scope, plates);
    ResolvedExpr then = check(conditional.then(), scope, plates);
    ResolvedExpr otherwise = check(conditional.otherwise(), scope, plates);
    Boolean constant = Constants.bool(condition);
    if (constant == null) {
      globals.error(conditional.condition().location(),
          "the condition of 'if' must be a boolean hyperparameter or literal");
      return new ResolvedExpr.Invalid(conditional.location());
    }
    return constant ? then : otherwise;
  }

  /**
   * Evaluates a dimension of a written shape: a whole number from literals and hyperparameters,
   * reported where its value comes from when it is out of range ({@link Ranges}).
   */
  Dim dimension(Expr expr, Scope scope) {
    return dimension(expr, scope, "a dimension");
  }

  /** The same, for a size that a message names better: {@code the size of plate 'rows'}. */
  Dim dimension(Expr expr, Scope scope, String what) {
    ResolvedExpr resolved = check(expr, scope, null);
    if (resolved instanceof ResolvedExpr.Invalid) {
      return new Dim.Unknown();
    }
    Double value = Constants.number(resolved);
    if (value == null) {
      globals.error(expr.location(), "a dimension must be a positive whole number (a literal or an int hyperparameter)");
      return new Dim.Unknown();
    }
    if (!globals.ranges.check(resolved, Range.DIMENSION, what)) {
      return new Dim.Unknown();
    }
    return Dim.of(value.longValue());
  }

  /** Named and positional arguments matched to parameter names, with errors for the rest. */
  Map<String, Argument> match(String what, List<Argument> arguments, List<String> names) {
    Map<String, Argument> out = new LinkedHashMap<>();
    int position = 0;
    for (Argument argument : arguments) {
      String name;
      if (argument.isNamed()) {
        name = argument.name();
        if (!names.contains(name)) {
          globals.error(argument.location(), "unknown argument '" + name + "' of " + what
              + SpellingSuggestions.didYouMean(name, names));
          continue;
        }
      } else if (position < names.size()) {
        name = names.get(position++);
      } else {
        globals.error(argument.location(), "too many arguments for " + what + " (it takes " + names.size() + ")");
        continue;
      }
      if (out.containsKey(name)) {
        globals.error(argument.location(), "argument '" + name + "' of " + what + " is given twice");
        continue;
      }
      out.put(name, argument);
    }
    return out;
  }

  static HyperValue hyperValue(ResolvedExpr resolved) {
    return resolved instanceof ResolvedExpr.HyperRef h ? h.value() : null;
  }
}
