package org.pmm.lang.ast;

import java.util.List;

/**
 * Expressions as written. Binary nodes are located at their operator, calls at their callee,
 * so that an error points at the part of the expression that is wrong.
 *
 * <pre>{@code
 * // z @ W_o + b_o
 * new Expr.Binary(loc, Expr.Operator.ADD, new Expr.Binary(loc2, Expr.Operator.MATMUL, z, w), b)
 * }</pre>
 */
public sealed interface Expr extends Node {

  /** Binary and unary operators, with the symbol the user writes. */
  enum Operator {
    ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), MATMUL("@"), POWER("^"), NEGATE("-");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** A number; {@code integer} when written without a decimal point or exponent. */
  record Number(SourceLocation location, double value, boolean integer, String text) implements Expr {}

  record Text(SourceLocation location, String value) implements Expr {}

  record Bool(SourceLocation location, boolean value) implements Expr {}

  /** {@code [a, b, c]}: a vector, or a nested array of rows. */
  record Array(SourceLocation location, List<Expr> elements) implements Expr {}

  /** A name, possibly qualified: {@code hidden}, {@code fusion.z}, {@code text_layer.weight}. */
  record Reference(SourceLocation location, List<String> parts) implements Expr {
    public String dotted() {
      return String.join(".", parts);
    }
  }

  record Call(SourceLocation location, List<String> callee, List<Argument> arguments) implements Expr {
    public String dotted() {
      return String.join(".", callee);
    }
  }

  /** {@code base[i, j]}: indexing of a tensor, or the batch shape of a distribution. */
  record Index(SourceLocation location, Expr base, List<Expr> indices) implements Expr {}

  record Unary(SourceLocation location, Operator operator, Expr operand) implements Expr {}

  record Binary(SourceLocation location, Operator operator, Expr left, Expr right) implements Expr {}

  /** {@code then if condition else otherwise}. */
  record Conditional(SourceLocation location, Expr then, Expr condition, Expr otherwise)
      implements Expr {}
}
