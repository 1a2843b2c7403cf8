package org.pmm.infer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.optim.Optimizer;
import org.pmm.tensor.BatchNormStats;
import org.pmm.tensor.RandomStream;

/**
 * Everything a system changes while it trains, besides its parameters, that the next step
 * depends on: the optimisers (per parameter group), the running statistics of its batch-norm
 * layers, its random streams and the running statistics of its estimators (TraceGraph's baseline
 * averages). A checkpoint saves these and a fresh system restores them, so a resumed run goes on
 * exactly as an uninterrupted one. The entries are the system's live objects, registered once
 * when the system is built.
 *
 * <pre>{@code
 * TrainingState state = new TrainingState()
 *     .optimizer("A", clippedAdam).optimizer("C", adamW)
 *     .batchNorm("C.bn0", bn0.stats())
 *     .stream("main", rng)
 *     .statistics("elbo", elbo.statistics());
 * }</pre>
 */
public final class TrainingState {
  /**
   * Where a batch-norm layer keeps its running statistics. Layers of compiled programs learn
   * their width when they first run, so their statistics may not exist yet.
   */
  public interface BatchNormSlot {
    /** The statistics, or null while the layer has not run. */
    BatchNormStats stats();

    /** Creates the statistics for {@code features} inputs (restoring before the layer ran). */
    BatchNormStats create(long features);
  }

  private final Map<String, Optimizer> optimizers = new LinkedHashMap<>();
  private final Map<String, BatchNormSlot> batchNorms = new LinkedHashMap<>();
  private final Map<String, RandomStream> streams = new LinkedHashMap<>();
  private final Map<String, Map<String, INDArray>> statistics = new LinkedHashMap<>();

  /** Registers the optimiser of a parameter group. */
  public TrainingState optimizer(String group, Optimizer optimizer) {
    return put(optimizers, group, optimizer, "optimiser group");
  }

  /** Registers a batch-norm layer whose statistics already exist. */
  public TrainingState batchNorm(String layer, BatchNormStats stats) {
    return batchNorm(layer, new BatchNormSlot() {
      @Override
      public BatchNormStats stats() {
        return stats;
      }

      @Override
      public BatchNormStats create(long features) {
        return stats;
      }
    });
  }

  /** Registers a batch-norm layer by its slot. */
  public TrainingState batchNorm(String layer, BatchNormSlot slot) {
    return put(batchNorms, layer, slot, "batch-norm layer");
  }

  /** Registers a random stream. */
  public TrainingState stream(String name, RandomStream stream) {
    return put(streams, name, stream, "random stream");
  }

  /** Registers an estimator's live, mutable map of running statistics. */
  public TrainingState statistics(String name, Map<String, INDArray> live) {
    return put(statistics, name, live, "estimator");
  }

  public Map<String, Optimizer> optimizers() {
    return Collections.unmodifiableMap(optimizers);
  }

  public Map<String, BatchNormSlot> batchNorms() {
    return Collections.unmodifiableMap(batchNorms);
  }

  public Map<String, RandomStream> streams() {
    return Collections.unmodifiableMap(streams);
  }

  public Map<String, Map<String, INDArray>> statistics() {
    return Collections.unmodifiableMap(statistics);
  }

  private <T> TrainingState put(Map<String, T> map, String name, T value, String what) {
    if (map.putIfAbsent(name, value) != null) {
      throw new IllegalArgumentException(what + " '" + name + "' is registered twice");
    }
    return this;
  }
}
