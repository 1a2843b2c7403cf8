package org.pmm.lang.program;

import java.util.List;
import java.util.Map;
import org.pmm.lang.ast.SourceLocation;
import org.pmm.lang.vocabulary.Vocabulary;

/** The checked definitions a {@link CheckedProgram} is made of. */
public final class Definitions {
  private Definitions() {}

  /** A hyperparameter: its declared default and the value in force (after {@code --set}). */
  public record Hyperparameter(String name, SourceLocation location, HyperValue defaultValue, HyperValue value) {}

  /**
   * A data input: element type (real, int, binary), shape with symbols such as {@code N} bound
   * at load time, and where the values come from: a dataset name, or inline values (row-major).
   */
  public record DataInput(String name, SourceLocation location, String type, Shape shape, String dataset,
      double[] inlineValues) {
    public boolean inline() {
      return inlineValues != null;
    }
  }

  /** A sample site summary: qualified name, value shape, distribution name, enclosing plates. */
  public record Site(String name, SourceLocation location, Shape shape, String distribution, List<String> plates) {}

  /** A parameter summary: qualified name, shape and constraint. */
  public record Parameter(String name, SourceLocation location, Shape shape, ParamConstraint constraint) {}

  /**
   * A model: its body in execution order, its latent and observed sites, its parameters (a
   * model without latent sites is deterministic), and the shapes of its locals that train and
   * eval may read as {@code model.local}.
   */
  public record ModelDefinition(String name, SourceLocation location, List<ResolvedStatement> body,
      List<Site> latentSites, List<Site> observedSites, List<Parameter> parameters, Map<String, Shape> locals) {}

  /**
   * A guide for the model of the same name: its body, its sites and its parameters; or, when
   * {@code auto} names an autoguide ("auto_normal", "auto_delta"), one written from the model at
   * run time, with an empty body, the model's latent sites and no declared parameters.
   */
  public record GuideDefinition(String name, SourceLocation location, List<ResolvedStatement> body, List<Site> sites,
      List<Parameter> parameters, String auto) {}

  /**
   * One layer of a network with its qualified name ({@code text_norm.1.batchnorm}), constant
   * options (by the vocabulary's option names), the width it reads and writes, and the
   * parameters it owns (qualified by layer index).
   */
  public record Layer(String name, Vocabulary.LayerSpec spec, SourceLocation location, Map<String, Double> options, Dim inputWidth,
      Dim outputWidth, List<Parameter> parameters) {}

  /** A network as called: input shape, flattened layers (nested networks expanded), output shape. */
  public record NetworkDefinition(String name, SourceLocation location, Shape inputShape, List<Layer> layers,
      Shape outputShape) {}

  /** An optimiser with its options (lr, clip, ... ) as expressions over hyperparameters. */
  public record Optimizer(Vocabulary.OptimizerSpec spec, SourceLocation location, Map<String, ResolvedExpr> options) {}

  /**
   * The ELBO of a model and its guide: estimator name and options (kl_lambda, anneal_epochs,
   * l1, l2, particles). The loss is (−ELBO + penalty) / N with N the full size of the model's
   * outermost data plate; l1 and l2 penalise the guide's unconstrained (location) parameters.
   */
  public record Elbo(String model, String estimator, Map<String, ResolvedExpr> options) {}

  /**
   * An objective: either an ELBO ({@code elbo} not null) or a scalar loss expression, the
   * optimiser, and the models, guides or networks whose parameters it steps.
   */
  public record Objective(String name, SourceLocation location, Elbo elbo, ResolvedExpr loss, Optimizer optimizer,
      List<String> groups) {}

  /** Objectives, how they are stepped ({@code jointly}: one gradient of their sum), and settings. */
  public record Training(List<Objective> objectives, String stepping, Map<String, ResolvedExpr> settings) {}

  /** Evaluation settings (threshold, select, split, ...) and the prediction expression. */
  public record Evaluation(Map<String, ResolvedExpr> settings) {}
}
