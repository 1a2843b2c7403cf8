package org.pmm.infer;

import java.util.function.Function;
import org.pmm.handlers.LatentScaleMessenger;

/**
 * KL annealing (the paper's λKL) on top of another estimator: the log-densities of latent sites,
 * in model and guide alike, are scaled by β(t) while observed sites keep weight 1, so the loss is
 * −(log p(x|z) + β·(log p(z) − log q(z))). Call {@link #setStep} before each step.
 *
 * <p>The scaling is done by a handler around model and guide, so it composes with any base
 * estimator. With score-function estimators the scaled guide terms also enter the score
 * function's weight; for the fully reparameterised PM+MO this makes no difference.
 *
 * <pre>{@code
 * AnnealedElbo elbo = new AnnealedElbo(new TraceElbo(1), KlSchedule.linear(0.2, 12 * steps));
 * elbo.setStep(t);
 * }</pre>
 */
public final class AnnealedElbo extends Elbo {
  private final Elbo base;
  private final KlSchedule schedule;
  private long step;

  public AnnealedElbo(Elbo base, KlSchedule schedule) {
    super(1);
    this.base = base;
    this.schedule = schedule;
  }

  @Override
  public String name() {
    return "annealed";
  }

  public void setStep(long step) {
    this.step = step;
  }

  public long step() {
    return step;
  }

  public double beta() {
    return schedule.beta(step);
  }

  /** The base estimator's statistics: the schedule itself is a function of the step. */
  @Override
  public java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> statistics() {
    return base.statistics();
  }

  @Override
  protected ElboResult particleLoss(Particle particle) {
    return base.particleLoss(particle);
  }

  /**
   * The base estimator's result on the β-scaled model and guide; its latent part, weighted by β
   * here, is named {@value ElboResult#KL_BETA} so that a reader of the parts knows it rises with
   * β while the fit may be improving.
   */
  @Override
  public <A> ElboResult loss(Function<A, ?> model, Function<A, ?> guide, A args) {
    LatentScaleMessenger beta = new LatentScaleMessenger(beta());
    return base.loss(beta.wrap(model), beta.wrap(guide), args)
        .renamePart(ElboResult.KL, ElboResult.KL_BETA);
  }
}
