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
      Double r = number(b.right());
      if (l == null || r == null) {
        return null;
      }
      return switch (b.operator()) {
        case ADD -> l + r;
        case SUBTRACT -> l - r;
        case MULTIPLY, MATMUL -> l * r;
        case DIVIDE -> l / r;
        case POWER -> Math.pow(l, r);
        case NEGATE -> -l;
      };
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
