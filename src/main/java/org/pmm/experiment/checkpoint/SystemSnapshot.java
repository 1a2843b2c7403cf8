package org.pmm.experiment.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.infer.TrainingState;
import org.pmm.experiment.systems.TrainableSystem;
import org.pmm.optim.Optimizer;
import org.pmm.optim.ParameterState;
import org.pmm.params.ParamStore;
import org.pmm.tensor.BatchNormStats;

/**
 * A system's whole training state as plain data: its parameters (unconstrained, with their
 * constraints), its optimisers' per-parameter states, batch-norm running statistics, random
 * stream positions and estimator statistics. {@link #of} reads a live system (the arrays are
 * the system's own: write them out before the next step); {@link #restoreInto} puts a snapshot
 * into a freshly built system of the same configuration.
 *
 * <pre>{@code
 * SystemSnapshot s = SystemSnapshot.of(system);           // then CheckpointFile.write(...)
 * TrainableSystem fresh = factory.create(config, rows, seed);
 * loaded.restoreInto(fresh);                               // continues exactly where s was taken
 * }</pre>
 *
 * @param params parameters in the store's order
 * @param optimizers optimiser states by group, each in the optimiser's order
 * @param batchNorms running mean and variance by layer (layers that have run only)
 * @param streams {seed, counter} by stream name
 * @param statistics estimator statistics by estimator, then by key
 */
public record SystemSnapshot(List<Param> params, Map<String, List<OptimizerEntry>> optimizers,
    Map<String, INDArray[]> batchNorms, Map<String, long[]> streams,
    Map<String, Map<String, INDArray>> statistics) {

  /** One parameter: its name, its constraint's {@code describe()} text, its unconstrained value. */
  public record Param(String name, String constraint, INDArray value) {}

  /** One optimiser's state for one parameter: update count and buffers (Adam: m and v). */
  public record OptimizerEntry(String param, long step, INDArray[] buffers) {}

  /** Nothing: the snapshot of a completed cycle, which keeps only its results. */
  public static SystemSnapshot empty() {
    return new SystemSnapshot(List.of(), Map.of(), Map.of(), Map.of(), Map.of());
  }

  /** Reads the live state of {@code system}. */
  public static SystemSnapshot of(TrainableSystem system) {
    List<Param> params = new ArrayList<>();
    system.store().entries().forEach((name, e) -> params.add(
        new Param(name, e.constraint().describe(), e.unconstrained().value())));
    TrainingState state = system.state();
    Map<String, List<OptimizerEntry>> optimizers = new LinkedHashMap<>();
    state.optimizers().forEach((group, o) -> {
      List<OptimizerEntry> entries = new ArrayList<>();
      o.states().forEach((param, s) -> entries.add(new OptimizerEntry(param, s.step(),
          s.buffers())));
      optimizers.put(group, entries);
    });
    Map<String, INDArray[]> batchNorms = new LinkedHashMap<>();
    state.batchNorms().forEach((layer, slot) -> {
      BatchNormStats stats = slot.stats();
      if (stats != null) {
        batchNorms.put(layer, new INDArray[] {stats.runningMean(), stats.runningVar()});
      }
    });
    Map<String, long[]> streams = new LinkedHashMap<>();
    state.streams().forEach((name, s) -> streams.put(name, s.state()));
    Map<String, Map<String, INDArray>> statistics = new LinkedHashMap<>();
    state.statistics().forEach((name, live) -> statistics.put(name, new LinkedHashMap<>(live)));
    return new SystemSnapshot(params, optimizers, batchNorms, streams, statistics);
  }

  /**
   * Replaces the state of a freshly built system with this snapshot. The system must have the
   * same optimiser groups, batch-norm layers, streams and estimators as the one the snapshot
   * was taken from.
   *
   * @throws IllegalArgumentException naming what does not fit
   */
  public void restoreInto(TrainableSystem system) {
    TrainingState state = system.state();
    sameNames("optimiser groups", optimizers.keySet(), state.optimizers().keySet());
    sameNames("random streams", streams.keySet(), state.streams().keySet());
    sameNames("estimators", statistics.keySet(), state.statistics().keySet());
    for (String layer : batchNorms.keySet()) {
      if (!state.batchNorms().containsKey(layer)) {
        throw new IllegalArgumentException("batch-norm layer '" + layer
            + "' of the checkpoint is not in this system (it has "
            + state.batchNorms().keySet() + ")");
      }
    }
    ParamStore store = system.store();
    store.clear();
    for (Param p : params) {
      store.put(p.name(), p.value(), Constraints.fromDescription(p.constraint()));
    }
    optimizers.forEach((group, entries) -> {
      Optimizer o = state.optimizers().get(group);
      o.states().clear();
      for (OptimizerEntry e : entries) {
        if (!store.contains(e.param())) {
          throw new IllegalArgumentException("optimiser group '" + group
              + "' has a state for '" + e.param() + "', which is not a parameter");
        }
        o.states().put(e.param(), new ParameterState(e.step(), e.buffers()));
      }
    });
    batchNorms.forEach((layer, arrays) -> {
      BatchNormStats stats = state.batchNorms().get(layer).create(arrays[0].length());
      assign(layer + " running mean", stats.runningMean(), arrays[0]);
      assign(layer + " running variance", stats.runningVar(), arrays[1]);
    });
    streams.forEach((name, s) -> state.streams().get(name).restore(s.clone()));
    statistics.forEach((name, saved) -> {
      Map<String, INDArray> live = state.statistics().get(name);
      if (!saved.isEmpty() || !live.isEmpty()) {
        live.clear();
        live.putAll(saved);
      }
    });
  }

  /** Copies a saved array into a live one of the same shape, or names what does not fit. */
  static void assign(String what, INDArray target, INDArray saved) {
    if (!Arrays.equals(target.shape(), saved.shape())) {
      throw new IllegalArgumentException(what + " has shape " + Arrays.toString(saved.shape())
          + " saved, " + Arrays.toString(target.shape()) + " in this system");
    }
    target.assign(saved);
  }

  private static void sameNames(String what, Set<String> saved, Set<String> system) {
    if (!saved.equals(system)) {
      throw new IllegalArgumentException(what + " differ: " + saved + " in the checkpoint, "
          + system + " in this system");
    }
  }
}
