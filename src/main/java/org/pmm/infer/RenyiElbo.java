package org.pmm.infer;

import java.util.function.Function;
import org.pmm.handlers.Site;
import org.pmm.tensor.Tensor;

/**
 * The Rényi variational bound of order α ≠ 1 with K particles (Li and Turner 2016):
 * L_α = 1/(1 − α) · log (1/K) Σ_k w_k^(1−α), with log w_k = log p(x, z_k) − log q(z_k) for K
 * independent guide draws. α = 0 is the importance-weighted bound of {@link IwaeElbo}; α → 1
 * would be the ELBO. The particles run one after the other (a loop of K runs with stacked
 * log-weights), so a model needs no particle dimension.
 *
 * <p>Gradient: Σ_k ŵ_k ∇ log w_k with the self-normalised weights ŵ_k ∝ w_k^(1−α) (held fixed),
 * which is exact for reparameterised sites; a non-reparameterised guide site adds the score term
 * log q(z_{j,k}) · stop_gradient(L_α) for every particle (unbiased, with high variance).
 *
 * <pre>{@code
 * Elbo elbo = new RenyiElbo(0.5, 8);
 * }</pre>
 */
public class RenyiElbo extends Elbo {
  private final double alpha;

  public RenyiElbo(double alpha, int numParticles) {
    super(numParticles);
    if (!Double.isFinite(alpha) || alpha == 1.0) {
      throw new IllegalArgumentException("renyi: α must be a finite number other than 1 (α = 1"
          + " is the ELBO: use trace), got " + alpha);
    }
    this.alpha = alpha;
  }

  public double alpha() {
    return alpha;
  }

  public int particles() {
    return numParticles;
  }

  @Override
  public String name() {
    return "renyi(" + alpha + ")";
  }

  /** One particle: the bound is then the ELBO at that draw. */
  @Override
  protected ElboResult particleLoss(Particle p) {
    Tensor logWeight = logWeight(p);
    Tensor surrogate = logWeight;
    Tensor score = score(p);
    if (score != null) {
      surrogate = surrogate.add(score.mul(logWeight.detach()));
    }
    return new ElboResult(-logWeight.item(), surrogate.neg());
  }

  @Override
  public <A> ElboResult loss(Function<A, ?> model, Function<A, ?> guide, A args) {
    int k = numParticles;
    Tensor[] logWeights = new Tensor[k];
    Tensor[] scores = new Tensor[k];
    double[] scaled = new double[k];
    Object modelValue = null;
    for (int i = 0; i < k; i++) {
      Particle p = run(model, guide, args);
      modelValue = p.modelValue();
      logWeights[i] = logWeight(p);
      scores[i] = score(p);
      scaled[i] = (1 - alpha) * logWeights[i].item();
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double s : scaled) {
      max = Math.max(max, s);
    }
    double sumExp = 0;
    for (double s : scaled) {
      sumExp += Math.exp(s - max);
    }
    double logSumExp = max + Math.log(sumExp);
    double bound = (logSumExp - Math.log(k)) / (1 - alpha);
    Tensor surrogate = null;
    for (int i = 0; i < k; i++) {
      double normalisedWeight = Math.exp(scaled[i] - logSumExp);
      Tensor term = logWeights[i].mul(normalisedWeight);
      if (scores[i] != null) {
        term = term.add(scores[i].mul(bound));
      }
      surrogate = surrogate == null ? term : surrogate.add(term);
    }
    return new ElboResult(-bound, surrogate.neg(), modelValue);
  }

  private static Tensor logWeight(Particle p) {
    Tensor modelLogProb = p.model().logProbSum();
    Tensor guideLogProb = p.guide().logProbSum();
    return guideLogProb == null ? modelLogProb : modelLogProb.sub(guideLogProb);
  }

  /** Σ log q of the non-reparameterised guide sites, or null. */
  private static Tensor score(Particle p) {
    Tensor total = null;
    for (Site site : p.guide().sites()) {
      if (ScoreFunction.needsScore(site)) {
        Tensor s = ScoreFunction.logDensity(site).sum();
        total = total == null ? s : total.add(s);
      }
    }
    return total;
  }
}
