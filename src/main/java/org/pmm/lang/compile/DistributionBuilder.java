package org.pmm.lang.compile;

import java.util.Map;
import org.pmm.distributions.Bernoulli;
import org.pmm.distributions.Beta;
import org.pmm.distributions.Categorical;
import org.pmm.distributions.Delta;
import org.pmm.distributions.Dirichlet;
import org.pmm.distributions.Distribution;
import org.pmm.distributions.Exponential;
import org.pmm.distributions.Gamma;
import org.pmm.distributions.Laplace;
import org.pmm.distributions.Normal;
import org.pmm.distributions.Poisson;
import org.pmm.lang.program.ResolvedExpr;

/** Builds a distribution of the vocabulary from its compiled arguments, once per use. */
@FunctionalInterface
interface DistributionBuilder {
  Distribution build(Frame frame);

  /**
   * The argument that is the distribution's mean, compiled, when the mean is one of its
   * arguments (Normal's and Laplace's loc, Delta's v), else null. Predicting with the guide's
   * means then evaluates only that argument: the scale (a softplus over every weight, and its
   * validation) is not computed.
   */
  static Node meanArgument(ResolvedExpr.Distribution d, ExpressionCompiler expressions,
      Where where) {
    String name = switch (d.spec().name()) {
      case "Normal", "Laplace" -> "loc";
      case "Delta" -> "v";
      default -> null;
    };
    ResolvedExpr e = name == null ? null : d.arguments().get(name);
    return e == null ? null : expressions.compile(e, where);
  }

  static DistributionBuilder compile(ResolvedExpr.Distribution d, ExpressionCompiler expressions, Where where) {
    Map<String, ResolvedExpr> args = d.arguments();
    java.util.function.Function<String, Node> arg = name -> {
      ResolvedExpr e = args.get(name);
      if (e == null) {
        throw new CompileError(d.location(), d.spec().name() + " needs its argument '" + name + "'");
      }
      return expressions.compile(e, where);
    };
    switch (d.spec().name()) {
      case "Laplace": {
        Node loc = arg.apply("loc");
        Node scale = arg.apply("scale");
        return f -> new Laplace(loc.eval(f), scale.eval(f));
      }
      case "Normal": {
        Node loc = arg.apply("loc");
        Node scale = arg.apply("scale");
        return f -> new Normal(loc.eval(f), scale.eval(f));
      }
      case "Bernoulli": {
        if (args.containsKey("logits")) {
          Node logits = arg.apply("logits");
          return f -> Bernoulli.logits(logits.eval(f));
        }
        Node probs = arg.apply("probs");
        return f -> Bernoulli.probs(probs.eval(f));
      }
      case "Categorical": {
        if (args.containsKey("logits")) {
          Node logits = arg.apply("logits");
          return f -> Categorical.logits(logits.eval(f));
        }
        Node probs = arg.apply("probs");
        return f -> Categorical.probs(probs.eval(f));
      }
      case "Beta": {
        Node c1 = arg.apply("concentration1");
        Node c0 = arg.apply("concentration0");
        return f -> new Beta(c1.eval(f), c0.eval(f));
      }
      case "Gamma": {
        Node c = arg.apply("concentration");
        Node rate = arg.apply("rate");
        return f -> new Gamma(c.eval(f), rate.eval(f));
      }
      case "Dirichlet": {
        Node c = arg.apply("concentration");
        return f -> new Dirichlet(c.eval(f));
      }
      case "Exponential": {
        Node rate = arg.apply("rate");
        return f -> new Exponential(rate.eval(f));
      }
      case "Poisson": {
        Node rate = arg.apply("rate");
        return f -> new Poisson(rate.eval(f));
      }
      case "Delta": {
        Node v = arg.apply("v");
        return f -> new Delta(v.eval(f));
      }
      default:
        throw new CompileError(d.location(), "distribution '" + d.spec().name() + "' is not supported by the interpreter");
    }
  }
}
