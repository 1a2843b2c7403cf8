package org.pmm.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.BatchNormStats;
import org.pmm.tensor.Tensor;
import org.pmm.tensor.kernels.BatchNormKernels;

/**
 * Batch normalisation in training mode by the fused kernels ({@link BatchNormKernels}) against
 * its composition of ND4J operations ({@link BatchNormOps#batchNormTrainComposed}, itself checked
 * against finite differences in double precision by {@code GradientCheckTest}): outputs, the
 * gradients of input, scale and shift under a random downstream loss, and the running
 * statistics, for widths split among the cores and not, with and without scale and shift.
 */
class BatchNormOpsTest {
  private static INDArray random(long seed, long... shape) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.randn(DataType.FLOAT, shape);
  }

  private record Run(INDArray y, INDArray dx, INDArray dgamma, INDArray dbeta, INDArray mean,
      INDArray var) {}

  private static Run run(int rows, int cols, boolean gamma, boolean beta, boolean fused) {
    INDArray xv = random(1, rows, cols).muli(3).addi(2);
    Tensor x = Tensor.parameter(xv);
    Tensor g = gamma ? Tensor.parameter(random(2, cols).addi(1)) : null;
    Tensor b = beta ? Tensor.parameter(random(3, cols)) : null;
    BatchNormStats stats = new BatchNormStats(DataType.FLOAT, cols, 0.1, 1e-5);
    Function<Tensor, Tensor> bn = t -> fused ? BatchNormOps.batchNormTrain(t, g, b, stats)
        : BatchNormOps.batchNormTrainComposed(t, g, b, stats);
    Tensor y = bn.apply(x);
    INDArray out = y.value().dup();
    y.mul(Tensor.constant(random(4, rows, cols))).sum().backward();
    return new Run(out, x.grad().dup(), gamma ? g.grad().dup() : null,
        beta ? b.grad().dup() : null, stats.runningMean().dup(), stats.runningVar().dup());
  }

  private static void assertClose(INDArray expected, INDArray actual, String what) {
    if (expected == null) {
      return;
    }
    INDArray e = expected.reshape(actual.shape());
    double scale = Math.max(1e-3, e.amaxNumber().doubleValue());
    double err = e.sub(actual).amaxNumber().doubleValue();
    assertTrue(err <= 2e-5 * scale, what + ": largest difference " + err + " (scale " + scale
        + ")");
  }

  @ParameterizedTest
  @CsvSource({"37, 5, true, true", "512, 300, true, true", "512, 300, false, false",
      "64, 4096, false, true", "129, 256, true, false"})
  void fusedKernelsEqualTheComposition(int rows, int cols, boolean gamma, boolean beta) {
    assertTrue(BatchNormKernels.applies(Nd4j.zeros(DataType.FLOAT, rows, cols), null, null));
    Run fused = run(rows, cols, gamma, beta, true);
    Run composed = run(rows, cols, gamma, beta, false);
    assertClose(composed.y(), fused.y(), "output");
    assertClose(composed.dx(), fused.dx(), "input gradient");
    assertClose(composed.dgamma(), fused.dgamma(), "scale gradient");
    assertClose(composed.dbeta(), fused.dbeta(), "shift gradient");
    assertClose(composed.mean(), fused.mean(), "running mean");
    assertClose(composed.var(), fused.var(), "running variance");
  }

  /**
   * Columns far from zero with a small spread (1e4 + 0.1·N(0, 1)): float sums of squares would
   * lose the variance to cancellation; the shifted sums keep it, against double precision.
   */
  @org.junit.jupiter.api.Test
  void theVarianceOfColumnsFarFromZeroIsKept() {
    INDArray x = random(5, 512, 40).muli(0.1).addi(1e4);
    BatchNormKernels.Forward f = BatchNormKernels.forward(x, null, null, 1e-5);
    double[][] v = x.toDoubleMatrix();
    for (int j = 0; j < 40; j++) {
      double mean = 0;
      for (double[] row : v) {
        mean += row[j] / v.length;
      }
      double var = 0;
      for (double[] row : v) {
        var += (row[j] - mean) * (row[j] - mean) / v.length;
      }
      assertTrue(Math.abs(f.variance()[j] - var) <= 1e-3 * var,
          "column " + j + ": variance " + f.variance()[j] + ", in double " + var);
      assertTrue(Math.abs(f.mean()[j] - mean) <= 1e-6 * mean, "column " + j + ": mean");
    }
  }
}
