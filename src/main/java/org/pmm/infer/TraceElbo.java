package org.pmm.infer;

import java.util.List;
import java.util.function.Function;
import org.pmm.handlers.Message;
import org.pmm.handlers.PlateFrame;
import org.pmm.handlers.Site;
import org.pmm.tensor.Tensor;

/**
 * Trace_ELBO (the paper's ELBOv1): the Monte Carlo estimate log p(x, z) − log q(z) at the
 * guide's draws. Reparameterised sites get pathwise gradients; every other latent guide site
 * adds the score-function term log q(z_j) · stop_gradient(ELBO) to the surrogate (Williams,
 * 1992; Ranganath et al., 2014).
 *
 * <p>With {@code vectorizeParticles}, as Pyro's {@code Trace_ELBO(num_particles=K,
 * vectorize_particles=True)}, the K particles are drawn in one pass of model and guide inside
 * a plate of size K left of every batch dimension they use (see {@link VectorizedParticles});
 * sites then have that extra leftmost dimension, and each particle's score terms are weighted
 * by its own ELBO. The plate's dimension is found by tracing model and guide once, on the first
 * call, and kept: one such estimator serves one model and guide.
 *
 * <pre>{@code
 * Svi svi = new Svi(model, guide, new TraceElbo(1), new Adam(0.01));
 * Elbo batched = new TraceElbo(16, true);   // 16 particles in one pass
 * }</pre>
 */
public class TraceElbo extends Elbo {
  /** Null when the particles run one after another. */
  private final VectorizedParticles vectorized;

  public TraceElbo(int numParticles) {
    this(numParticles, false);
  }

  /**
   * @param vectorizeParticles draw the particles in one batched pass instead of one pass each
   */
  public TraceElbo(int numParticles, boolean vectorizeParticles) {
    super(numParticles);
    this.vectorized = vectorizeParticles ? new VectorizedParticles(numParticles) : null;
  }

  @Override
  public String name() {
    return "trace";
  }

  /** Whether the particles are drawn in one batched pass. */
  public boolean vectorizesParticles() {
    return vectorized != null;
  }

  @Override
  public <A> ElboResult loss(Function<A, ?> model, Function<A, ?> guide, A args) {
    if (vectorized == null) {
      return super.loss(model, guide, args);
    }
    int dim = vectorized.dim(model, guide, args);
    Particle p = run(vectorized.wrap(model, dim), vectorized.wrap(guide, dim), args);
    return particleLoss(p, vectorized.frames(dim)).withModelValue(p.modelValue());
  }

  @Override
  protected ElboResult particleLoss(Particle p) {
    return particleLoss(p, null);
  }

  /**
   * @param particles the particle plate of a vectorised pass, or null for a single particle
   */
  private ElboResult particleLoss(Particle p, List<PlateFrame> particles) {
    Tensor elbo = p.model().logProbSum();
    Tensor guideLogProb = p.guide().logProbSum();
    if (guideLogProb != null) {
      elbo = elbo.sub(guideLogProb);
    }
    Tensor surrogate = elbo;
    Tensor scoreSum = null;
    for (Site site : p.guide().sites()) {
      if (site.isLatent() && !site.isReparameterised()) {
        // the score is the unscaled log q: the ELBO weight it multiplies is scaled already
        Tensor s = ScoreFunction.logDensity(site);
        s = particles == null ? s.sum() : PlateReduction.reduceTo(s, site.plates(), particles);
        scoreSum = scoreSum == null ? s : scoreSum.add(s);
      }
    }
    if (scoreSum != null) {
      surrogate = surrogate.add(particles == null
          ? scoreSum.mul(elbo.detach())
          // particle k's score times particle k's ELBO: the other particles' ELBOs are
          // independent of its draw, so they would add variance and no expected gradient
          : scoreSum.mul(perParticle(p, particles).detach()).sum());
    }
    return ElboResult.split(-elbo.item(), surrogate.neg(), p.model());
  }

  /** Each particle's share of the ELBO (scaled by 1/K), laid out along the particle plate. */
  private static Tensor perParticle(Particle p, List<PlateFrame> particles) {
    Tensor total = null;
    for (Site site : p.model().sites()) {
      total = add(total, site, particles, 1);
    }
    for (Site site : p.guide().sites()) {
      total = add(total, site, particles, -1);
    }
    return total;
  }

  private static Tensor add(Tensor total, Site site, List<PlateFrame> particles, int sign) {
    if (site.type() == Message.Type.PARAM) {
      return total;
    }
    Tensor t = PlateReduction.reduceTo(site.logProb(), site.plates(), particles);
    if (sign < 0) {
      t = t.neg();
    }
    return total == null ? t : total.add(t);
  }
}
