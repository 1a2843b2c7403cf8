package org.pmm.lang.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.pmm.base.UserError;
import org.pmm.infer.Elbo;
import org.pmm.infer.Elbos;
import org.pmm.lang.program.Definitions;
import org.pmm.lang.program.ResolvedExpr;
import org.pmm.optim.Optimizer;

/**
 * Compiles a {@code train} block's objective: its optimiser, the parameter group it steps (the
 * names under its models, guides and networks) and its loss, an expression or the ELBO of a model
 * and its guide with the estimator, annealing, particles and penalties the objective names.
 */
final class ObjectiveCompiler {
  private ObjectiveCompiler() {}

  static Objective compile(CompiledProgram program, ExpressionCompiler expressions,
      Definitions.Objective o) {
    Optimizer optimizer = Optimizers.build(o.optimizer(), expressions);
    List<String> prefixes = o.groups().stream().map(g -> g + ".").toList();
    Predicate<String> group = name -> {
      for (String p : prefixes) {
        if (name.startsWith(p)) {
          return true;
        }
      }
      return false;
    };
    if (o.elbo() == null) {
      Scope scope = new Scope();
      Node loss = expressions.compile(o.loss(), new Where(scope, null, ""));
      return new Objective.Expression(o.name(), optimizer, group, loss, scope.size());
    }
    Definitions.Elbo e = o.elbo();
    int model = program.modelIndex(e.model());
    Definitions.GuideDefinition guide = program.checked().guides().get(e.model());
    if (guide == null) {
      throw new CompileError(o.location(), "model '" + e.model() + "' has no guide");
    }
    double klLambda = option(expressions, e, "kl_lambda", 0.2);
    double annealEpochs = option(expressions, e, "anneal_epochs", 12);
    int particles = (int) option(expressions, e, "particles", 1);
    long rampSteps = Math.round(annealEpochs * program.stepsPerEpoch(model));
    Elbo elbo;
    try {
      elbo = Elbos.create(e.estimator(), new Elbos.Options(klLambda, rampSteps, particles));
    } catch (UserError x) {
      throw new CompileError(o.location(), x.getMessage());
    }
    List<String> locations = new ArrayList<>();
    for (Definitions.Parameter p : guide.parameters()) {
      if (p.constraint().kind().equals("real")) {
        locations.add(e.model() + "." + p.name());
      }
    }
    return new ElboObjective(o.name(), optimizer, group, program, model, elbo, option(expressions, e, "l1", 0),
        option(expressions, e, "l2", 0), locations);
  }

  private static double option(ExpressionCompiler expressions, Definitions.Elbo e, String name,
      double fallback) {
    ResolvedExpr v = e.options().get(name);
    if (v == null) {
      return fallback;
    }
    Double d = expressions.scalarConstant(v);
    if (d == null) {
      throw new CompileError(v.location(), "option '" + name + "' must be a constant number");
    }
    return d;
  }
}
