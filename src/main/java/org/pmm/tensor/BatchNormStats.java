package org.pmm.tensor;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.kernels.DenseFloats;

/**
 * Running mean and variance of a batch-normalisation layer, used in evaluation mode and updated
 * in training mode as {@code running = (1 - momentum) · running + momentum · batch} (PyTorch's
 * convention, unbiased batch variance).
 *
 * <pre>{@code
 * BatchNormStats stats = new BatchNormStats(DataType.FLOAT, 300, 0.1, 1e-5);
 * Tensor y = Ops.batchNorm(x, gamma, beta, stats, true);
 * }</pre>
 */
public final class BatchNormStats {
  private final INDArray runningMean;
  private final INDArray runningVar;
  private final double momentum;
  private final double epsilon;

  public BatchNormStats(DataType type, long features, double momentum, double epsilon) {
    this.runningMean = Nd4j.zeros(type, 1, features);
    this.runningVar = Nd4j.ones(type, 1, features);
    this.momentum = momentum;
    this.epsilon = epsilon;
  }

  public INDArray runningMean() {
    return runningMean;
  }

  public INDArray runningVar() {
    return runningVar;
  }

  public double momentum() {
    return momentum;
  }

  public double epsilon() {
    return epsilon;
  }

  /**
   * {@link #update(INDArray, INDArray, long)} from host arrays of the batch's statistics, with
   * the same float operations ({@code running·(1 - momentum) + batch·momentum}, the variance's
   * weight including the unbiasing factor), written through the running arrays' memory instead
   * of six ND4J operations on vectors, each with its fixed overhead.
   */
  public void update(float[] batchMean, float[] biasedVar, long batchSize) {
    if (!DenseFloats.applies(runningMean, runningVar)
        || runningMean.length() != batchMean.length) {
      INDArray mean = Nd4j.createFromArray(batchMean).reshape(runningMean.shape())
          .castTo(runningMean.dataType());
      INDArray variance = Nd4j.createFromArray(biasedVar).reshape(runningVar.shape())
          .castTo(runningVar.dataType());
      update(mean, variance, batchSize);
      return;
    }
    double unbias = batchSize > 1 ? (double) batchSize / (batchSize - 1) : 1.0;
    float keep = (float) (1 - momentum);
    float meanWeight = (float) momentum;
    float varWeight = (float) (momentum * unbias);
    FloatBuffer rm = runningMean.data().asNioFloat();
    FloatBuffer rv = runningVar.data().asNioFloat();
    for (int j = 0; j < batchMean.length; j++) {
      rm.put(j, rm.get(j) * keep + batchMean[j] * meanWeight);
      rv.put(j, rv.get(j) * keep + biasedVar[j] * varWeight);
    }
  }

  /** Updates the running statistics from the batch's (biased variance). */
  public void update(INDArray batchMean, INDArray biasedVar, long batchSize) {
    double unbias = batchSize > 1 ? (double) batchSize / (batchSize - 1) : 1.0;
    INDArray meanPart = batchMean.mul(momentum);
    INDArray varPart = biasedVar.mul(momentum * unbias);
    runningMean.muli(1 - momentum).addi(meanPart);
    runningVar.muli(1 - momentum).addi(varPart);
    Memory.release(meanPart);
    Memory.release(varPart);
  }
}
