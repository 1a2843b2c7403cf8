package org.pmm.infer;

import org.pmm.handlers.Site;
import org.pmm.tensor.Tensor;

/**
 * The score-function factor of a non-reparameterised guide site: log q(z) of the drawn value,
 * element by element, neither scaled nor masked. Scaling and masking belong to the cost it
 * multiplies: for an estimate c·f(z) of c·E[f], the gradient is E[∇ log q(z) · c·f(z)], with the
 * plain density of the draw (as in Pyro's {@code ScoreParts.scale_and_mask}).
 */
final class ScoreFunction {
  private ScoreFunction() {}

  /** log q(value) with the site's batch shape. */
  static Tensor logDensity(Site site) {
    return site.mask() == null
        ? site.unscaledLogProb()
        : site.distribution().logProb(site.value());
  }

  /** True for latent sites whose gradient needs a score-function term. */
  static boolean needsScore(Site site) {
    return site.isLatent() && !site.isReparameterised();
  }
}
