package org.pmm.infer;

import org.pmm.handlers.Site;
import org.pmm.tensor.Tensor;

/**
 * Trace_ELBO (the paper's ELBOv1): the Monte Carlo estimate log p(x, z) − log q(z) at the
 * guide's draws. Reparameterised sites get pathwise gradients; every other latent guide site
 * adds the score-function term log q(z_j) · stop_gradient(ELBO) to the surrogate (Williams,
 * 1992; Ranganath et al., 2014).
 *
 * <pre>{@code
 * Svi svi = new Svi(model, guide, new TraceElbo(1), new Adam(0.01));
 * }</pre>
 */
public class TraceElbo extends Elbo {

  public TraceElbo(int numParticles) {
    super(numParticles);
  }

  @Override
  public String name() {
    return "trace";
  }

  @Override
  protected ElboResult particleLoss(Particle p) {
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
        Tensor s = ScoreFunction.logDensity(site).sum();
        scoreSum = scoreSum == null ? s : scoreSum.add(s);
      }
    }
    if (scoreSum != null) {
      surrogate = surrogate.add(scoreSum.mul(elbo.detach()));
    }
    return new ElboResult(-elbo.item(), surrogate.neg());
  }
}
