package org.pmm.infer;

import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.pmm.distributions.InvalidDistributionException;
import org.pmm.distributions.kl.KL;
import org.pmm.handlers.Message;
import org.pmm.handlers.Site;
import org.pmm.handlers.SiteException;
import org.pmm.tensor.Tensor;
import org.slf4j.LoggerFactory;

/**
 * TraceMeanField_ELBO: the ELBO as E_q[log p(x|z)] − Σ_sites KL(q(z_j) ‖ p(z_j)), with the
 * likelihood (and every other model site the guide does not sample) by Monte Carlo at the
 * guide's draw and each latent site's divergence in closed form from {@link KL}. The divergence
 * is masked by the guide site's mask and scaled by its scale (plates, the scale handler,
 * annealing), exactly like the Monte Carlo terms it replaces, so its expectation equals
 * {@link TraceElbo}'s loss with less variance.
 *
 * <p>A site without a closed form (say a Normal guide under a Laplace prior) falls back to the
 * Monte Carlo log p − log q of that site, and the estimator says so once per site name through
 * the warning sink (by default the SLF4J logger of this class).
 *
 * <p>Unlike Pyro, non-reparameterised guide sites are allowed: each adds the score term
 * log q(z_j) · stop_gradient(ELBO estimate), keeping the gradient unbiased.
 *
 * <pre>{@code
 * Elbo elbo = new MeanFieldElbo(1);
 * Elbo quiet = new MeanFieldElbo(1, message -> warnings.add(message));
 * }</pre>
 */
public class MeanFieldElbo extends Elbo {
  private final Consumer<String> warnings;
  private final Set<String> warned = Collections.synchronizedSet(new HashSet<>());

  public MeanFieldElbo(int numParticles) {
    this(numParticles, LoggerFactory.getLogger(MeanFieldElbo.class)::warn);
  }

  public MeanFieldElbo(int numParticles, Consumer<String> warnings) {
    super(numParticles);
    this.warnings = warnings;
  }

  @Override
  public String name() {
    return "meanfield";
  }

  @Override
  protected ElboResult particleLoss(Particle p) {
    Tensor elbo = null;
    for (Site site : p.model().sites()) {
      if (site.type() == Message.Type.PARAM) {
        continue;
      }
      Site q = p.guide().site(site.name());
      if (!site.isLatent() || q == null || !q.isLatent()) {
        elbo = add(elbo, site.logProbSum());
      } else if (KL.hasClosedForm(q.distribution(), site.distribution())) {
        elbo = add(elbo, divergence(q, site).neg());
      } else {
        warnOnce(q, site);
        elbo = add(elbo, site.logProbSum().sub(q.logProbSum()));
      }
    }
    for (Site q : p.guide().sites()) {
      if (q.type() != Message.Type.PARAM && !p.model().contains(q.name())) {
        elbo = add(elbo, q.logProbSum().neg());
      }
    }
    Tensor surrogate = elbo;
    for (Site q : p.guide().sites()) {
      if (ScoreFunction.needsScore(q)) {
        surrogate = surrogate.add(ScoreFunction.logDensity(q).sum().mul(elbo.detach()));
      }
    }
    return ElboResult.split(-elbo.item(), surrogate.neg(), p.model());
  }

  /** Σ scale · mask · KL(q ‖ p) of one site, with the guide site's scale and mask. */
  private static Tensor divergence(Site q, Site p) {
    Tensor kl;
    try {
      kl = KL.divergence(q.distribution(), p.distribution());
    } catch (InvalidDistributionException e) {
      throw new SiteException(q.name(), e.getMessage());
    }
    if (q.mask() != null) {
      kl = kl.mul(Tensor.constantAs(q.mask(), kl.dataType()));
    }
    Tensor sum = kl.sum();
    return q.scale() == 1.0 ? sum : sum.mul(q.scale());
  }

  private void warnOnce(Site q, Site p) {
    if (warned.add(q.name())) {
      warnings.accept("meanfield: no closed-form KL(" + q.distribution().name() + " ‖ "
          + p.distribution().name() + ") for site '" + q.name() + "'; using the Monte Carlo"
          + " estimate log p − log q for it");
    }
  }

  private static Tensor add(Tensor total, Tensor term) {
    return total == null ? term : total.add(term);
  }
}
