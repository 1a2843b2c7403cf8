package org.pmm.infer;

/**
 * The importance-weighted bound (Burda et al. 2016) with K particles:
 * log (1/K) Σ_k p(x, z_k) / q(z_k), computed as log-mean-exp of the particles' log-weights. It
 * is the Rényi bound of order α = 0 ({@link RenyiElbo}) and tightens as K grows; with K = 1 it is
 * the ELBO.
 *
 * <pre>{@code
 * Elbo elbo = new IwaeElbo(8);
 * }</pre>
 */
public class IwaeElbo extends RenyiElbo {
  public IwaeElbo(int numParticles) {
    super(0.0, numParticles);
  }

  @Override
  public String name() {
    return "iwae";
  }
}
