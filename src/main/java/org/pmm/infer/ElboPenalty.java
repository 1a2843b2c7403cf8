package org.pmm.infer;

import java.util.Map;
import java.util.function.Predicate;
import org.pmm.params.ParamStore;
import org.pmm.tensor.Tensor;

/**
 * An L1 or L2 penalty on chosen variational parameters, added to the loss that the VI step
 * differentiates (PM+MO's penalty, docs/pmmo.md: l2 · Σ loc² + l1 · Σ |loc| on the guide
 * locations only). Parameters are chosen by a predicate on their names in the current {@link
 * ParamStore} and penalised at their constrained values (for the real-valued locations these are
 * the stored values).
 *
 * <p>The gradient of the penalty w.r.t. a chosen parameter w is exactly λ·sign(w) (L1; 0 at
 * w = 0) or 2λ·w (L2).
 *
 * <pre>{@code
 * ElboPenalty l2 = ElboPenalty.l2(0.1, name -> name.endsWith(".loc"));
 * Tensor penalty = l2.value(ParamStore.current());      // null if nothing matches
 * Elbo penalised = new PenalisedElbo(new TraceElbo(1), l2);
 * }</pre>
 *
 * @param kind L1 or L2
 * @param weight λ, non-negative
 * @param names which parameters, by name
 */
public record ElboPenalty(Kind kind, double weight, Predicate<String> names) {
  /** Which norm. */
  public enum Kind { L1, L2 }

  public ElboPenalty {
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException(kind + " penalty: weight must be a finite number >= 0,"
          + " got " + weight);
    }
  }

  /** λ · Σ |w|. */
  public static ElboPenalty l1(double weight, Predicate<String> names) {
    return new ElboPenalty(Kind.L1, weight, names);
  }

  /** λ · Σ w². */
  public static ElboPenalty l2(double weight, Predicate<String> names) {
    return new ElboPenalty(Kind.L2, weight, names);
  }

  /**
   * The penalty as a differentiable scalar over the matching parameters of {@code store}, or
   * null when the weight is 0 or no parameter matches.
   */
  public Tensor value(ParamStore store) {
    if (weight == 0) {
      return null;
    }
    Tensor total = null;
    for (Map.Entry<String, ParamStore.Entry> e : store.entries().entrySet()) {
      if (!names.test(e.getKey())) {
        continue;
      }
      ParamStore.Entry entry = e.getValue();
      Tensor w = entry.constraint().transform(entry.unconstrained());
      Tensor norm = kind == Kind.L1 ? w.sumOfAbs() : w.sumOfSquares();
      total = total == null ? norm : total.add(norm);
    }
    return total == null ? null : total.mul(weight);
  }
}
