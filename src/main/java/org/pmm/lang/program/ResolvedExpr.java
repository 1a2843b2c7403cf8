package org.pmm.lang.program;

import java.util.List;
import java.util.Map;
import org.pmm.lang.ast.Expr;
import org.pmm.lang.ast.SourceLocation;
import org.pmm.lang.vocabulary.Vocabulary;

/**
 * A checked expression: every name resolved to what it denotes, every node with its shape.
 * An interpreter evaluates it by a switch over these records; function calls are already
 * inlined ({@link Inlined}) and constant conditions already chosen.
 *
 * <pre>{@code
 * switch (expr) {
 *   case ResolvedExpr.DataRef d -> batch.get(d.name());
 *   case ResolvedExpr.SiteRef s -> trace.value(s.name());
 *   ...
 * }
 * }</pre>
 */
public sealed interface ResolvedExpr {
  SourceLocation location();

  Shape shape();

  /** A number written in the file. */
  record Constant(SourceLocation location, double value, boolean integer) implements ResolvedExpr {
    public Shape shape() {
      return Shape.SCALAR;
    }
  }

  /** {@code [a, b]}: elements stacked along a new leading dimension. */
  record Stack(SourceLocation location, List<ResolvedExpr> elements, Shape shape) implements ResolvedExpr {}

  record Text(SourceLocation location, String value) implements ResolvedExpr {
    public Shape shape() {
      return Shape.SCALAR;
    }
  }

  record Flag(SourceLocation location, boolean value) implements ResolvedExpr {
    public Shape shape() {
      return Shape.SCALAR;
    }
  }

  /** A symbol of an enumeration, such as {@code annealed}. */
  record Symbol(SourceLocation location, String value, String enumeration) implements ResolvedExpr {
    public Shape shape() {
      return Shape.SCALAR;
    }
  }

  /** A hyperparameter with its (possibly overridden) value. */
  record HyperRef(SourceLocation location, String name, HyperValue value) implements ResolvedExpr {
    public Shape shape() {
      return Shape.SCALAR;
    }
  }

  /** A data input (rows subsampled by the enclosing plate at run time). */
  record DataRef(SourceLocation location, String name, Shape shape) implements ResolvedExpr {}

  /** A parameter of the enclosing model, guide or module instance (qualified name). */
  record ParamRef(SourceLocation location, String name, Shape shape) implements ResolvedExpr {}

  /** The value of a sample site of the enclosing model or guide (qualified name). */
  record SiteRef(SourceLocation location, String name, Shape shape) implements ResolvedExpr {}

  /** A deterministic local assigned earlier in the same body (or an inlined function). */
  record LocalRef(SourceLocation location, String name, Shape shape) implements ResolvedExpr {}

  /** A model's local or site read from train or eval: {@code fusion.z}. */
  record ModelValue(SourceLocation location, String model, String name, Shape shape) implements ResolvedExpr {}

  /** A built-in function of {@link Vocabulary#BUILTINS}; arguments by their canonical names. */
  record Builtin(SourceLocation location, String name, Map<String, ResolvedExpr> arguments, Shape shape)
      implements ResolvedExpr {}

  /** A user function, inlined: its locals in order, then its result. */
  record Inlined(SourceLocation location, String function, List<ResolvedStatement> body, ResolvedExpr result)
      implements ResolvedExpr {
    public Shape shape() {
      return result.shape();
    }
  }

  /** A network applied to an input; its layers are in {@link CheckedProgram#networks()}. */
  record NetworkCall(SourceLocation location, String network, ResolvedExpr input, Shape shape)
      implements ResolvedExpr {}

  /**
   * A distribution: arguments by canonical name (positional ones named), the batch shape
   * (broadcast of the arguments, or the written {@code [..]} suffix) and the event shape.
   */
  record Distribution(SourceLocation location, Vocabulary.DistributionSpec spec,
      Map<String, ResolvedExpr> arguments, Shape batchShape, Shape eventShape) implements ResolvedExpr {
    public Shape shape() {
      return batchShape.append(eventShape);
    }
  }

  record Unary(SourceLocation location, Expr.Operator operator, ResolvedExpr operand, Shape shape)
      implements ResolvedExpr {}

  record Binary(SourceLocation location, Expr.Operator operator, ResolvedExpr left, ResolvedExpr right, Shape shape)
      implements ResolvedExpr {}

  /** {@code base[i, j]}: integer indices into the leading dimensions. */
  record Index(SourceLocation location, ResolvedExpr base, List<ResolvedExpr> indices, Shape shape)
      implements ResolvedExpr {}

  /** A condition that is not constant at check time. */
  record Conditional(SourceLocation location, ResolvedExpr condition, ResolvedExpr then, ResolvedExpr otherwise,
      Shape shape) implements ResolvedExpr {}

  /** Stands for an expression that had an error; never part of a program that passed. */
  record Invalid(SourceLocation location) implements ResolvedExpr {
    public Shape shape() {
      return Shape.UNKNOWN;
    }
  }
}
