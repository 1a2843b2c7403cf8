package org.pmm.lang.ast;

import java.util.List;

/**
 * Top-level declarations of a {@code .pmm} file.
 *
 * <pre>{@code
 * hyper { hidden = 3000 }                      // Hyper
 * data { text: real[N, 300] = "features" }     // Data
 * model fusion { ... }                         // Model
 * }</pre>
 */
public sealed interface Declaration extends Node {

  record Import(SourceLocation location, String path) implements Declaration {}

  record Hyper(SourceLocation location, List<HyperEntry> entries) implements Declaration {}

  /** {@code name = value}; the value is a literal number, string, boolean or symbol. */
  record HyperEntry(SourceLocation location, String name, Expr value) implements Node {}

  record Data(SourceLocation location, List<DataEntry> entries) implements Declaration {}

  /**
   * {@code name: type[shape] = source}; {@code shape} and {@code source} may be null. The source
   * is a dataset name (a string) or inline values (an array literal).
   */
  record DataEntry(SourceLocation location, String name, String type, SourceLocation typeLocation,
      List<Expr> shape, Expr source) implements Node {}

  /** A named formal parameter of a function, network or module. */
  record Parameter(SourceLocation location, String name) implements Node {}

  record Function(SourceLocation location, String name, List<Parameter> parameters,
      List<Statement> body) implements Declaration {}

  record Network(SourceLocation location, String name, List<Parameter> parameters,
      List<Layer> layers) implements Declaration {}

  /** One layer of a network: {@code maxout(width, pieces)}, optionally {@code if condition}. */
  record Layer(SourceLocation location, String name, List<Argument> arguments, Expr condition)
      implements Node {}

  /** A reusable pair of model and guide fragments; either part may be null. */
  record Module(SourceLocation location, String name, List<Parameter> parameters,
      List<Statement> model, List<Statement> guide) implements Declaration {}

  record Model(SourceLocation location, String name, List<Statement> body) implements Declaration {}

  /**
   * A guide: a body of statements, or (when {@code auto} is not null) an autoguide written from
   * the model, {@code guide m = auto_normal}, whose body is empty.
   */
  record Guide(SourceLocation location, String name, List<Statement> body, String auto) implements Declaration {}

  record Train(SourceLocation location, List<Objective> objectives, List<Step> steps,
      List<Setting> settings) implements Declaration {}

  /** {@code objective name: loss using Optimiser(args) on group, ...}; groups may be empty. */
  record Objective(SourceLocation location, String name, Expr loss, Expr optimizer,
      List<Parameter> groups) implements Node {}

  /** {@code step jointly}. */
  record Step(SourceLocation location, String how) implements Node {}

  record Setting(SourceLocation location, String name, Expr value) implements Node {}

  record Eval(SourceLocation location, List<Setting> settings) implements Declaration {}
}
