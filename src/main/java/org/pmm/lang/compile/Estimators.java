package org.pmm.lang.compile;

import org.pmm.infer.AnnealedElbo;
import org.pmm.infer.Elbo;
import org.pmm.infer.Elbos;
import org.pmm.infer.KlSchedule;
import org.pmm.infer.TraceElbo;
import org.pmm.lang.ast.SourceLocation;

/**
 * The ELBO estimator of an objective by its name, through {@link Elbos#create}. One substitution:
 * when the engine has no {@code tracegraph} estimator and every latent site of the guide is
 * reparameterised, Trace_ELBO is used instead, because TraceGraph_ELBO then has exactly the
 * same loss and gradients (docs/pmmo.md). Any other missing estimator is a compile error.
 */
final class Estimators {
  private Estimators() {}

  static Elbo create(String name, double klLambda, long rampSteps, int particles, boolean allReparameterised,
      SourceLocation at) {
    if (particles < 1) {
      throw new CompileError(at, "particles must be at least 1, got " + particles);
    }
    if (particles > 1) {
      return switch (name) {
        case "trace" -> new TraceElbo(particles);
        case "annealed" -> new AnnealedElbo(new TraceElbo(particles), schedule(klLambda, rampSteps, at));
        default -> throw new CompileError(at, "estimator '" + name + "' with several particles is not supported yet");
      };
    }
    if (name.equals("annealed")) {
      schedule(klLambda, rampSteps, at);
    }
    try {
      return Elbos.create(name, klLambda, rampSteps);
    } catch (IllegalArgumentException e) {
      if (name.equals("tracegraph") && allReparameterised) {
        return new TraceElbo(1);
      }
      throw new CompileError(at, "estimator '" + name + "' is not available in this build (known: "
          + String.join(", ", Elbos.NAMES) + ")");
    }
  }

  private static KlSchedule schedule(double klLambda, long rampSteps, SourceLocation at) {
    try {
      return KlSchedule.linear(klLambda, rampSteps);
    } catch (IllegalArgumentException e) {
      throw new CompileError(at, e.getMessage());
    }
  }
}
