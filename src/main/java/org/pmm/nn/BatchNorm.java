package org.pmm.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.pmm.Pmm;
import org.pmm.tensor.BatchNormStats;
import org.pmm.tensor.Ops;
import org.pmm.tensor.Tensor;

/**
 * Batch normalisation over the batch axis, with learnable scale and shift (param sites
 * {@code name.gamma}, {@code name.beta}) unless built without them, and running statistics for
 * evaluation.
 *
 * <pre>{@code
 * BatchNorm bn = new BatchNorm("C.bn1", 256, true);
 * Tensor y = bn.apply(x, training);
 * }</pre>
 */
public final class BatchNorm {
  private final String name;
  private final long features;
  private final boolean affine;
  private final BatchNormStats stats;

  public BatchNorm(String name, long features, boolean affine) {
    this.name = name;
    this.features = features;
    this.affine = affine;
    this.stats = new BatchNormStats(DataType.FLOAT, features, 0.1, 1e-3);
  }

  public Tensor apply(Tensor x, boolean training) {
    Tensor gamma = null;
    Tensor beta = null;
    if (affine) {
      gamma = Pmm.param(name + ".gamma", () -> Init.filled(DataType.FLOAT, 1.0, 1, features));
      beta = Pmm.param(name + ".beta", () -> Init.zeros(DataType.FLOAT, 1, features));
    }
    return Ops.batchNorm(x, gamma, beta, stats, training);
  }

  public BatchNormStats stats() {
    return stats;
  }

  public String name() {
    return name;
  }
}
