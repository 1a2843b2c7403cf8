package org.pmm.infer;

import java.util.function.Function;
import org.pmm.optim.Optimizer;
import org.pmm.params.ParamStore;
import org.pmm.tensor.StepScope;

/**
 * Stochastic variational inference: each step estimates the ELBO, differentiates its surrogate
 * and lets the optimiser update every parameter of the store. Intermediate buffers of a step are
 * released when it ends.
 *
 * <pre>{@code
 * Svi<Tensor> svi = new Svi<>(model, guide, new TraceElbo(1), new Adam(0.01), new ParamStore());
 * for (int i = 0; i < 1000; i++) {
 *   double loss = svi.step(data);
 * }
 * }</pre>
 *
 * @param <A> the type of the arguments model and guide take
 */
public final class Svi<A> {
  private final Function<A, ?> model;
  private final Function<A, ?> guide;
  private final Elbo elbo;
  private final Optimizer optimizer;
  private final ParamStore store;

  public Svi(Function<A, ?> model, Function<A, ?> guide, Elbo elbo, Optimizer optimizer,
      ParamStore store) {
    this.model = model;
    this.guide = guide;
    this.elbo = elbo;
    this.optimizer = optimizer;
    this.store = store;
  }

  /** One gradient step; returns the loss (−ELBO estimate) before the update. */
  public double step(A args) {
    try (ParamStore.Activation active = store.activate();
        StepScope scope = StepScope.open()) {
      ElboResult r = elbo.loss(model, guide, args);
      r.surrogateLoss().backward();
      optimizer.step(store.parameters());
      return r.loss();
    }
  }

  /** The loss without a gradient step. */
  public double evaluateLoss(A args) {
    try (ParamStore.Activation active = store.activate();
        StepScope scope = StepScope.open()) {
      return elbo.loss(model, guide, args).loss();
    }
  }

  public ParamStore store() {
    return store;
  }
}
