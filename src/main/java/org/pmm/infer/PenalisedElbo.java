package org.pmm.infer;

import java.util.List;
import java.util.function.Function;
import org.pmm.params.ParamStore;
import org.pmm.tensor.Tensor;

/**
 * Another estimator plus {@link ElboPenalty penalties} on variational parameters: both the loss
 * and the surrogate grow by the penalties' value, computed after the guide ran (so that its
 * parameters exist) from the current parameter store. Where the base estimator splits its loss,
 * the penalties are its part {@value ElboResult#PENALTY}.
 *
 * <pre>{@code
 * Elbo elbo = new PenalisedElbo(new TraceElbo(1), ElboPenalty.l2(0.1, n -> n.endsWith(".loc")));
 * }</pre>
 */
public final class PenalisedElbo extends Elbo {
  private final Elbo base;
  private final List<ElboPenalty> penalties;

  public PenalisedElbo(Elbo base, ElboPenalty... penalties) {
    super(1);
    this.base = base;
    this.penalties = List.of(penalties);
  }

  public Elbo base() {
    return base;
  }

  @Override
  public String name() {
    return base.name();
  }

  @Override
  public java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> statistics() {
    return base.statistics();
  }

  @Override
  protected ElboResult particleLoss(Particle particle) {
    return penalise(base.particleLoss(particle));
  }

  @Override
  public <A> ElboResult loss(Function<A, ?> model, Function<A, ?> guide, A args) {
    return penalise(base.loss(model, guide, args));
  }

  private ElboResult penalise(ElboResult r) {
    Tensor total = null;
    for (ElboPenalty p : penalties) {
      Tensor t = p.value(ParamStore.current());
      if (t != null) {
        total = total == null ? t : total.add(t);
      }
    }
    return total == null ? r : r.plus(ElboResult.PENALTY, total);
  }
}
