package org.pmm.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.optim.Adam;

/**
 * 200 training steps of a mid-size network inside step scopes keep the process's resident
 * memory flat after warm-up. One step's intermediate buffers are about 8 MB (a dozen arrays of
 * 256 × 768 floats), so leaking them every step would add well over 1 GB over the measured 180
 * steps; the bound (300 MB) is far below that and far above allocator noise. The second test
 * shows that the measurement sees a smaller leak (six arrays, 4.5 MB per step).
 */
@Tag("memory") // runs in a JVM of its own (pom.xml)
class MemoryFlatTest {
  private static final int BATCH = 256;
  private static final int WIDTH = 768;

  private final Tensor w1 = Tensor.parameter(Nd4j.rand(DataType.FLOAT, WIDTH, WIDTH).subi(0.5).muli(0.05));
  private final Tensor w2 = Tensor.parameter(Nd4j.rand(DataType.FLOAT, WIDTH, 23).subi(0.5).muli(0.05));
  private final BatchNormStats stats = new BatchNormStats(DataType.FLOAT, WIDTH, 0.1, 1e-5);
  private final INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, WIDTH);
  private final INDArray y = Nd4j.rand(DataType.FLOAT, BATCH, 23).lt(0.2).castTo(DataType.FLOAT);
  private final Adam adam = new Adam(1e-3);
  private final RandomStream rng = new RandomStream(1);

  private void step(List<Tensor> keep) {
    try (StepScope scope = StepScope.open()) {
      Tensor h = Tensor.constant(x).matmul(w1).tanh();
      h = Ops.dropout(Ops.batchNorm(h, null, null, stats, true), 0.5, true, rng);
      Tensor loss = Ops.bceWithLogits(h.matmul(w2), y).mean();
      loss.backward();
      adam.step(Map.of("w1", w1, "w2", w2));
      if (keep != null) {
        // a leak: the step's intermediates stay reachable and unreleased
        keep.add(Tensor.constant(h.value().dup()));
        keep.add(Tensor.constant(h.value().dup().muli(2)));
        keep.add(Tensor.constant(h.value().dup().muli(3)));
        keep.add(Tensor.constant(h.value().dup().muli(4)));
        keep.add(Tensor.constant(h.value().dup().muli(5)));
        keep.add(Tensor.constant(h.value().dup().muli(6)));
      }
    }
  }

  private long growthMb(int steps, List<Tensor> keep) {
    for (int i = 0; i < 20; i++) {
      step(null);
    }
    long before = Pointer.physicalBytes();
    for (int i = 0; i < steps; i++) {
      step(keep);
    }
    return (Pointer.physicalBytes() - before) >> 20;
  }

  @Test
  void residentMemoryStaysFlatOverTwoHundredSteps() {
    long growth = growthMb(180, null);
    assertTrue(growth < 300, "resident memory grew by " + growth + " MB over 180 steps");
  }

  @Test
  void theMeasurementSeesALeakOfOneStepsBuffersPerStep() {
    List<Tensor> keep = new ArrayList<>();
    long growth = growthMb(180, keep);
    assertTrue(growth >= 300, "a leak of 4.5 MB per step grew memory by only " + growth + " MB");
    keep.forEach(t -> t.value().close());
  }
}
