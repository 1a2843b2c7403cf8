package org.pmm.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A kernel first used after others have run for a while still runs without boxing its vectors.
 * The vector kernels share the JDK's vector methods; when one kernel class ran alone for a few
 * hundred steps before the next was created, the JIT had compiled those methods on their own,
 * the later kernel called them instead of inlining them, and every vector it touched went to the
 * Java heap: 190 MB per log-sigmoid step of 512 × 1024 floats after 180 ReLU steps, against
 * 0.03 MB. The bound (2 MB per step) is far from both. Runs in a JVM of its own (pom.xml),
 * because it depends on what the JIT has compiled before.
 */
@Tag("memory")
class KernelSetTest {
  private static final Tensor X =
      Tensor.parameter(Nd4j.rand(DataType.FLOAT, 512, 1024).subi(0.5).muli(20));

  @Test
  void logSigmoidAfterManyReluStepsAllocatesNoVectorsOnTheHeap() {
    steps(() -> X.relu().sum(), 180);
    steps(() -> X.logSigmoid().sum(), 60); // compiled by now
    long before = heapAllocatedBytes();
    steps(() -> X.logSigmoid().sum(), 30);
    double perStep = (heapAllocatedBytes() - before) / 30 / 1e6;
    assertTrue(perStep < 2, "log-sigmoid allocated " + perStep + " MB of Java heap per step");
  }

  private static void steps(Supplier<Tensor> loss, int n) {
    for (int i = 0; i < n; i++) {
      try (StepScope scope = StepScope.open()) {
        loss.get().backward();
        X.zeroGrad();
      }
    }
  }

  private static long heapAllocatedBytes() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      sum += Math.max(b, 0);
    }
    return sum;
  }
}
