package org.pmm.infer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.pmm.tensor.Tensor;
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
  private final List<ParamGroup> groups;
  private final ParamStore store;

  /** Parameters whose names match, and the optimiser that steps them. */
  public record ParamGroup(Predicate<String> names, Optimizer optimizer) {}

  public Svi(Function<A, ?> model, Function<A, ?> guide, Elbo elbo, Optimizer optimizer,
      ParamStore store) {
    this(model, guide, elbo, List.of(new ParamGroup(n -> true, optimizer)), store);
  }

  /**
   * SVI with an optimiser per parameter group, all stepped from one gradient computation; a
   * parameter belongs to the first group whose predicate accepts its name.
   *
   * <pre>{@code
   * new Svi<>(model, guide, elbo, List.of(
   *     new Svi.ParamGroup(n -> n.startsWith("A."), new ClippedAdam(0.005, 10, 1)),
   *     new Svi.ParamGroup(n -> true, new AdamW(0.005, 0.01))), store);
   * }</pre>
   */
  public Svi(Function<A, ?> model, Function<A, ?> guide, Elbo elbo, List<ParamGroup> groups,
      ParamStore store) {
    this.model = model;
    this.guide = guide;
    this.elbo = elbo;
    this.groups = List.copyOf(groups);
    this.store = store;
  }

  /** One gradient step; returns the loss (−ELBO estimate) before the update. */
  public double step(A args) {
    try (ParamStore.Activation active = store.activate();
        StepScope scope = StepScope.open()) {
      ElboResult r = elbo.loss(model, guide, args);
      r.surrogateLoss().backward();
      Map<String, Tensor> remaining = new LinkedHashMap<>(store.parameters());
      for (ParamGroup g : groups) {
        Map<String, Tensor> mine = new LinkedHashMap<>();
        remaining.entrySet().removeIf(e -> {
          boolean match = g.names().test(e.getKey());
          if (match) {
            mine.put(e.getKey(), e.getValue());
          }
          return match;
        });
        g.optimizer().step(mine);
      }
      // parameters no group claims keep no stale gradient
      remaining.values().forEach(Tensor::zeroGrad);
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
