package org.pmm.infer;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the objectives of one gradient computation share: the global step and values one
 * objective computes and another reads (a model's output that a classifier's loss takes, so the
 * model runs once). Objectives stepped jointly share one context; with alternate stepping each
 * objective gets a fresh one, because the previous objective's update changed the parameters.
 *
 * <pre>{@code
 * Svi.Objective<Batch> elbo = (batch, step) -> {
 *   ElboResult r = estimator.loss(model, guide, batch);
 *   step.put("z", r.modelValue());
 *   return new Svi.Loss(r.surrogateLoss(), r.loss());
 * };
 * Svi.Objective<Batch> bce = (batch, step) -> Svi.Loss.of(classifier.bce(step.get("z"), batch));
 * }</pre>
 */
public final class StepContext {
  private final long step;
  private final Map<Object, Object> shared = new HashMap<>();

  StepContext(long step) {
    this.step = step;
  }

  /** The global step (0-based): it seeds the step's sample sites and drives schedules. */
  public long step() {
    return step;
  }

  /** Stores a value for the objectives evaluated after this one in the same computation. */
  public void put(Object key, Object value) {
    shared.put(key, value);
  }

  /**
   * The value stored under {@code key}.
   *
   * @throws IllegalStateException when no objective of this computation stored one
   */
  @SuppressWarnings("unchecked")
  public <T> T get(Object key) {
    Object v = shared.get(key);
    if (v == null) {
      throw new IllegalStateException("no objective of step " + step + " stored '" + key
          + "'; list the objective that computes it first");
    }
    return (T) v;
  }

  /** The value stored under {@code key}, computed and stored first if there is none. */
  @SuppressWarnings("unchecked")
  public <T> T computeIfAbsent(Object key, Supplier<T> compute) {
    Object v = shared.get(key);
    if (v == null) {
      v = compute.get();
      shared.put(key, v);
    }
    return (T) v;
  }
}
