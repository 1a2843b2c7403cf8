package org.pmm.bench;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.GemmLog;

/**
 * Times, in isolation, exactly the GEMM calls a training step executed (same shapes, same
 * transpose flags), to give the step's GEMM bound and the machine's GEMM rate in the same run.
 */
final class GemmTimer {
  private GemmTimer() {}

  /** Median seconds of running all {@code gemms} once, over {@code repeats} runs. */
  static double seconds(List<GemmLog.Gemm> gemms, int repeats) {
    INDArray[][] operands = new INDArray[gemms.size()][];
    for (int i = 0; i < gemms.size(); i++) {
      GemmLog.Gemm g = gemms.get(i);
      INDArray a = g.transA() ? Nd4j.rand(DataType.FLOAT, g.k(), g.m())
          : Nd4j.rand(DataType.FLOAT, g.m(), g.k());
      INDArray b = g.transB() ? Nd4j.rand(DataType.FLOAT, g.n(), g.k())
          : Nd4j.rand(DataType.FLOAT, g.k(), g.n());
      operands[i] = new INDArray[] {a, b, Nd4j.createUninitialized(DataType.FLOAT, g.m(), g.n())};
    }
    double[] times = new double[repeats + 1];
    for (int r = 0; r <= repeats; r++) {
      long start = System.nanoTime();
      for (int i = 0; i < gemms.size(); i++) {
        GemmLog.Gemm g = gemms.get(i);
        Nd4j.gemm(operands[i][0], operands[i][1], operands[i][2], g.transA(), g.transB(), 1.0,
            0.0);
      }
      times[r] = (System.nanoTime() - start) / 1e9;
    }
    // the first run warms up and is dropped
    return Stats.median(java.util.Arrays.copyOfRange(times, 1, times.length));
  }
}
