package org.pmm.experiment.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.infer.TrainingState;
import org.pmm.experiment.systems.TrainableSystem;
import org.pmm.params.ParamStore;
import org.pmm.tensor.BatchNormStats;
import org.pmm.tensor.HostArrays;

/**
 * A copy of what a system predicts with: its parameters (unconstrained, by name) and its
 * batch-norm running statistics. The training loop keeps the selected epoch's copy and makes
 * the test predictions once, at the end of the cycle: predicting after every epoch that improves
 * on the validation score would cost a sixth of a training epoch's GEMM time each time.
 *
 * <pre>{@code
 * SelectedWeights best = SelectedWeights.of(system);     // a copy: training goes on
 * ...
 * SelectedWeights last = SelectedWeights.of(system);
 * best.putInto(system);                                  // predict with the selected epoch
 * float[][] test = predict(system, split.test());
 * last.putInto(system);                                  // and back to the last epoch
 * }</pre>
 *
 * @param params unconstrained parameter values by name
 * @param batchNorms running mean and variance by batch-norm layer (layers that have run)
 */
public record SelectedWeights(Map<String, INDArray> params, Map<String, INDArray[]> batchNorms) {

  /** A copy of the system's current weights. */
  public static SelectedWeights of(TrainableSystem system) {
    return of(SystemSnapshot.of(system));
  }

  /** A copy of the weights a snapshot holds (whose arrays a restored system goes on to train). */
  static SelectedWeights of(SystemSnapshot snapshot) {
    Map<String, INDArray> params = new LinkedHashMap<>();
    snapshot.params().forEach(p -> params.put(p.name(), p.value().dup()));
    Map<String, INDArray[]> batchNorms = new LinkedHashMap<>();
    snapshot.batchNorms().forEach((layer, a) ->
        batchNorms.put(layer, new INDArray[] {a[0].dup(), a[1].dup()}));
    return new SelectedWeights(params, batchNorms);
  }

  /**
   * Puts these weights into the system (its arrays are assigned; this copy stays valid).
   *
   * @throws IllegalArgumentException if the system's parameters or batch-norm layers are not
   *     these (names or shapes)
   */
  public void putInto(TrainableSystem system) {
    ParamStore store = system.store();
    if (!store.entries().keySet().equals(params.keySet())) {
      throw new IllegalArgumentException("the selected weights have parameters "
          + params.keySet() + ", the system " + store.entries().keySet());
    }
    params.forEach((name, value) -> SystemSnapshot.assign("parameter '" + name + "'",
        store.entry(name).unconstrained().value(), value));
    TrainingState state = system.state();
    batchNorms.forEach((layer, a) -> {
      TrainingState.BatchNormSlot slot = state.batchNorms().get(layer);
      if (slot == null) {
        throw new IllegalArgumentException("batch-norm layer '" + layer
            + "' of the selected weights is not in this system");
      }
      BatchNormStats stats = slot.stats() != null ? slot.stats() : slot.create(a[0].length());
      SystemSnapshot.assign(layer + " running mean", stats.runningMean(), a[0]);
      SystemSnapshot.assign(layer + " running variance", stats.runningVar(), a[1]);
    });
  }

  /** Frees the copy's arrays now (it must not be used afterwards). */
  public void release() {
    HostArrays.release(params.values());
    batchNorms.values().forEach(a -> HostArrays.release(java.util.Arrays.asList(a)));
  }
}
