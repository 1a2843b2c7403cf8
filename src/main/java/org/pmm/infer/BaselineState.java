package org.pmm.infer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.Pmm;
import org.pmm.handlers.Trace;
import org.pmm.tensor.ShapeException;
import org.pmm.tensor.StepArena;
import org.pmm.tensor.Tensor;

/**
 * The baselines of one {@link TraceGraphElbo}: evaluates each site's {@link Baseline} against its
 * downstream cost and keeps the decaying averages between steps (per estimator instance, not in
 * the parameter store: they are statistics, not parameters).
 */
final class BaselineState {
  private final Map<String, INDArray> averages = new HashMap<>();

  /**
   * A site's baseline for this particle.
   *
   * @param value the baseline (differentiable through its learned parts), or null for none
   * @param loss Σ (cost − baseline)² for learned baselines, or null
   */
  record Evaluated(Tensor value, Tensor loss) {}

  Evaluated evaluate(String site, Baseline config, Tensor cost, Trace guide) {
    if (config.isNone()) {
      return new Evaluated(null, null);
    }
    Tensor baseline = null;
    if (config.hasDecayingAverage()) {
      baseline = Tensor.constant(updateAverage(site, config.decay(), cost.value()));
    }
    if (config.learnsValue()) {
      Tensor value = Pmm.param("baseline." + site + ".value",
          () -> Nd4j.scalar(cost.dataType(), 0.0));
      baseline = baseline == null ? value : baseline.add(value);
    }
    if (config.neural() != null) {
      Tensor out = config.neural().apply(guide);
      checkBroadcasts(site, out, cost);
      baseline = baseline == null ? out : baseline.add(out);
    }
    Tensor loss = config.isLearned() ? cost.sub(baseline).square().sum() : null;
    return new Evaluated(baseline, loss);
  }

  /** Returns the average before this cost (so it does not depend on z) and folds the cost in. */
  private INDArray updateAverage(String site, double beta, INDArray cost) {
    INDArray old = averages.get(site);
    if (old == null) {
      old = Nd4j.zeros(cost.dataType(), cost.shape());
    } else if (!Arrays.equals(old.shape(), cost.shape())) {
      // A plate's subsample size changed: element positions no longer match, keep the level.
      old = Nd4j.valueArrayOf(cost.shape(), old.meanNumber().doubleValue(), cost.dataType());
    }
    averages.put(site, StepArena.keep(old.mul(beta).addi(cost.mul(1 - beta))));
    return old;
  }

  private static void checkBroadcasts(String site, Tensor baseline, Tensor cost) {
    long[] b = baseline.shape();
    long[] c = cost.shape();
    boolean ok = b.length <= c.length;
    for (int i = 1; ok && i <= b.length; i++) {
      long db = b[b.length - i];
      ok = db == 1 || db == c[c.length - i];
    }
    if (!ok) {
      throw new ShapeException("site '" + site + "': the neural baseline returned shape "
          + Arrays.toString(b) + ", which does not broadcast to the downstream cost's shape "
          + Arrays.toString(c) + " (one value per element of the site's plates)");
    }
  }

  /** The decaying averages by site (the live map, for checkpoints). */
  Map<String, INDArray> averages() {
    return averages;
  }

  /** Forgets the decaying averages (a new run). */
  void reset() {
    averages.clear();
  }
}
