package org.pmm.infer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.pmm.Pmm;
import org.pmm.handlers.ReplayMessenger;
import org.pmm.handlers.Trace;
import org.pmm.handlers.TraceMessenger;
import org.pmm.tensor.Tensor;

/**
 * Base of the ELBO estimators: runs the guide, replays the model on the guide's draws, and
 * averages one estimator-specific particle loss over {@code numParticles} particles. Subclasses
 * say how a pair of traces becomes a loss and a surrogate.
 *
 * <pre>{@code
 * Elbo elbo = new TraceElbo(1);
 * ElboResult r = elbo.loss(model, guide, data);
 * r.surrogateLoss().backward();
 * }</pre>
 */
public abstract class Elbo {
  protected final int numParticles;

  protected Elbo(int numParticles) {
    if (numParticles < 1) {
      throw new IllegalArgumentException("numParticles must be at least 1, got " + numParticles);
    }
    this.numParticles = numParticles;
  }

  /** The guide's trace and the model's trace replayed on it. */
  public record Particle(Trace model, Trace guide, Object modelValue) {}

  /** The name users and .pmm files use for this estimator ("trace", "tracegraph", ...). */
  public abstract String name();

  /** −ELBO and its surrogate for one particle. */
  protected abstract ElboResult particleLoss(Particle particle);

  /** Runs the guide, then the model replayed on the guide's trace. */
  public static <A> Particle run(Function<A, ?> model, Function<A, ?> guide, A args) {
    Trace guideTrace = Pmm.trace(guide, args);
    try (TraceMessenger tracer = new TraceMessenger().enter();
        ReplayMessenger replay = new ReplayMessenger(guideTrace).enter()) {
      Object value = model.apply(args);
      checkGuideSitesAreInModel(guideTrace, tracer.trace());
      return new Particle(tracer.trace(), guideTrace, value);
    }
  }

  private static void checkGuideSitesAreInModel(Trace guide, Trace model) {
    for (var site : guide.sites()) {
      if (site.isLatent() && !model.contains(site.name())) {
        throw new org.pmm.handlers.SiteException(site.name(),
            "sampled by the guide but not by the model");
      }
    }
  }

  /**
   * The estimator's running statistics that carry over from step to step (none by default;
   * TraceGraph's decaying-average baselines), as a live map by site, for checkpoints: a resumed
   * run restores them by clearing the map and putting the saved arrays back.
   */
  public java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> statistics() {
    return java.util.Map.of();
  }

  /**
   * −ELBO averaged over particles, with its surrogate and its {@link ElboResult#parts() parts}
   * averaged alike (none if a particle has none).
   */
  public <A> ElboResult loss(Function<A, ?> model, Function<A, ?> guide, A args) {
    double loss = 0;
    Tensor surrogate = null;
    Object modelValue = null;
    Map<String, Double> parts = new LinkedHashMap<>();
    boolean split = true;
    for (int i = 0; i < numParticles; i++) {
      Particle particle = run(model, guide, args);
      modelValue = particle.modelValue();
      ElboResult r = particleLoss(particle);
      loss += r.loss() / numParticles;
      Tensor s = numParticles == 1 ? r.surrogateLoss() : r.surrogateLoss().div(numParticles);
      surrogate = surrogate == null ? s : surrogate.add(s);
      split &= !r.parts().isEmpty();
      r.parts().forEach((name, v) -> parts.merge(name, v / numParticles, Double::sum));
    }
    return new ElboResult(loss, surrogate, modelValue, split ? parts : null);
  }
}
