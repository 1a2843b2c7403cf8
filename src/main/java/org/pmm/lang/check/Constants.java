package org.pmm.lang.check;

import org.pmm.lang.program.HyperValue;
import org.pmm.lang.program.ResolvedExpr;

/** Folds expressions made of literals and hyperparameters into their values at check time. */
final class Constants {
  private Constants() {}

  /** The number an expression stands for, or null when it is not constant. */
  static Double number(ResolvedExpr expr) {
    if (expr instanceof ResolvedExpr.Constant c) {
      return c.value();
    } else if (expr instanceof ResolvedExpr.HyperRef h) {
      return h.value().asNumber();
    } else if (expr instanceof ResolvedExpr.Unary u) {
      Double v = number(u.operand());
      return v == null ? null : -v;
    } else if (expr instanceof ResolvedExpr.Binary b) {
      Double l = number(b.left());
      Double r = l == null ? null : number(b.right());
      if (r == null) {
        return null;
      }
      return apply(b.operator(), l, r);
    } else if (expr instanceof ResolvedExpr.Builtin b && b.arguments().size() == 1 && b.shape().known()
        && b.shape().rank() == 0) {
      Double x = number(b.arguments().values().iterator().next());
      return x == null ? null : elementwise(b.name(), x);
    }
    // Not through function results (ResolvedExpr.Inlined): a function's parameter may be used
    // twice in its result, and f(f(f(...))) would be folded 2^depth times.
    return null;
  }

  /** A binary operator applied to two numbers. */
  static double apply(org.pmm.lang.ast.Expr.Operator operator, double l, double r) {
    return switch (operator) {
      case ADD -> l + r;
      case SUBTRACT -> l - r;
      case MULTIPLY, MATMUL -> l * r;
      case DIVIDE -> l / r;
      case POWER -> Math.pow(l, r);
      case NEGATE -> -l;
    };
  }

  /** A one-argument built-in of a number, as the engine computes it; null for the others. */
  private static Double elementwise(String function, double x) {
    return switch (function) {
      case "sigmoid" -> 1 / (1 + Math.exp(-x));
      case "tanh" -> Math.tanh(x);
      case "softplus" -> x > 30 ? x : Math.log1p(Math.exp(x));
      case "relu" -> Math.max(0, x);
      case "exp" -> Math.exp(x);
      case "log" -> Math.log(x);
      case "sqrt" -> Math.sqrt(x);
      case "abs" -> Math.abs(x);
      case "detach", "sum", "mean" -> x;
      default -> null;
    };
  }

  /**
   * Why a computed constant cannot reach the engine, which holds numbers as float32: "is not a
   * number", "is infinite", "is too large for float32 (...)"; null when it can.
   */
  static String unrepresentable(double value) {
    if (Double.isNaN(value)) {
      return "is not a number";
    }
    if (Double.isInfinite(value)) {
      return "is infinite";
    }
    if (Math.abs(value) > Float.MAX_VALUE) {
      return "is too large for float32 (" + value + "; the largest is " + Float.MAX_VALUE + ")";
    }
    return null;
  }

  static Boolean bool(ResolvedExpr expr) {
    if (expr instanceof ResolvedExpr.Flag f) {
      return f.value();
    }
    if (expr instanceof ResolvedExpr.HyperRef h && h.value() instanceof HyperValue.BoolValue b) {
      return b.value();
    }
    return null;
  }

  /** The symbol and its enumeration, as {@code {value, enumeration}}, or null. */
  static String[] symbol(ResolvedExpr expr) {
    if (expr instanceof ResolvedExpr.Symbol s) {
      return new String[] {s.value(), s.enumeration()};
    }
    if (expr instanceof ResolvedExpr.HyperRef h && h.value() instanceof HyperValue.SymbolValue s) {
      return new String[] {s.value(), s.enumeration()};
    }
    return null;
  }

  static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}
