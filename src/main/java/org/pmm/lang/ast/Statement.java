package org.pmm.lang.ast;

import java.util.List;

/**
 * Statements of model, guide, module and function bodies.
 *
 * <pre>{@code
 * W_t ~ Laplace(prior_loc, prior_scale)[300, hidden]     // Sample
 * param W_t_scale[300, hidden] > 0 = guide_scale_init      // Param with a Positive constraint
 * plate rows(N, batch_size) { ... }                        // Plate
 * }</pre>
 */
public sealed interface Statement extends Node {

  /** {@code name = value}: a deterministic local. */
  record Assign(SourceLocation location, String name, Expr value) implements Statement {}

  /** {@code name ~ distribution}: a sample site, observed when {@code name} is a data input. */
  record Sample(SourceLocation location, String name, Expr distribution) implements Statement {}

  /** {@code param name[shape] constraint = init}; {@code shape} is null when not written. */
  record Param(SourceLocation location, String name, List<Expr> shape, Constraint constraint, Expr init)
      implements Statement {}

  record Plate(SourceLocation location, String name, List<Argument> arguments, List<Statement> body)
      implements Statement {}

  /**
   * {@code use instance = module(args)} in a model, or {@code use instance} in a guide
   * ({@code module} null) to include the guide part of a module instantiated by the model.
   */
  record Use(SourceLocation location, String instance, String module, List<Argument> arguments)
      implements Statement {}

  record Return(SourceLocation location, Expr value) implements Statement {}

  /** A parameter's support, written after its shape. */
  sealed interface Constraint extends Node {
    /** {@code > bound}. */
    record LowerBound(SourceLocation location, Expr bound) implements Constraint {}

    /** {@code in (low, high)}. */
    record Interval(SourceLocation location, Expr low, Expr high) implements Constraint {}

    /** {@code : simplex}, {@code : positive}, {@code : unit_interval}, {@code : real}. */
    record Named(SourceLocation location, String kind) implements Constraint {}
  }
}
