package org.pmm.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every array an operation creates (its result, what it keeps for the backward pass, the
 * comparison masks and casts of its gradient) is freed when the step scope closes, not when the
 * garbage collector gets round to it. A step makes little Java garbage, so the collector may
 * not run for thousands of steps: arrays left to it piled up to gigabytes in a 400-step bench.
 *
 * <p>Each case runs forward and backward 80 times on 512 × 1024 floats with no collection in
 * between (checked; retried if one happened) and bounds the growth of resident memory. The
 * smallest leak these operations had, one boolean mask per call (0.5 MB), added 20 to 21 MB
 * over 40 steps before the fix, so 40 MB over 80; after it every case grew by 0 to 4 MB over
 * 40 steps, once 10 MB; the bound is 16 MB. The tests run
 * with glibc's mmap threshold at 128 KB (pom.xml), so a freed array's pages leave the process
 * at once.
 */
@Tag("memory") // runs in a JVM of its own (pom.xml)
class ScopeFreesTemporariesTest {
  private static final int ROWS = 512;
  private static final int COLS = 1024;
  private static final int ITERATIONS = 80;
  private static final long BOUND_MB = 16;

  private static final Tensor X = Tensor.parameter(random());
  private static final Tensor Y = Tensor.parameter(random());
  private static final Tensor POSITIVE = Tensor.parameter(random().addi(1.0));
  private static final INDArray MASK = random().gt(0.0);
  private static final INDArray DOUBLE_MASK = random().gt(0.0).castTo(DataType.DOUBLE);
  private static final RandomStream RNG = new RandomStream(7);
  private static final Tensor GAMMA = Tensor.parameter(Nd4j.ones(DataType.FLOAT, COLS));
  private static final Tensor BETA = Tensor.parameter(Nd4j.zeros(DataType.FLOAT, COLS));
  private static final BatchNormStats STATS = new BatchNormStats(DataType.FLOAT, COLS, 0.1, 1e-3);

  private static INDArray random() {
    return Nd4j.rand(DataType.FLOAT, ROWS, COLS).subi(0.5);
  }

  static Stream<Arguments> operations() {
    return Stream.of(
        Arguments.of("max over pieces (maxout)",
            (Supplier<Tensor>) () -> X.reshape(ROWS, COLS / 2, 2).max(2, false).sum()),
        Arguments.of("max keeping dimensions", (Supplier<Tensor>) () -> X.max(1, true).sum()),
        Arguments.of("relu", (Supplier<Tensor>) () -> X.relu().sum()),
        Arguments.of("clamp", (Supplier<Tensor>) () -> X.clamp(-0.2, 0.2).sum()),
        Arguments.of("logSigmoid", (Supplier<Tensor>) () -> X.logSigmoid().sum()),
        Arguments.of("dropout", (Supplier<Tensor>) () -> Ops.dropout(X, 0.5, true, RNG).sum()),
        Arguments.of("where", (Supplier<Tensor>) () -> Ops.where(MASK, X, Y).sum()),
        Arguments.of("laplaceLogDensity",
            (Supplier<Tensor>) () -> Ops.laplaceLogDensity(X, Y, POSITIVE).sum()),
        Arguments.of("batchNorm, the step stopping before backward",
            (Supplier<Tensor>) () -> Tensor.constant(
                Ops.batchNorm(X, GAMMA, BETA, STATS, true).value().sum(true, 0))),
        Arguments.of("constantAs with a cast",
            (Supplier<Tensor>) () -> X.mul(Tensor.constantAs(DOUBLE_MASK, DataType.FLOAT))
                .sum()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void aStepsArraysAreFreedWhenItsScopeCloses(String name, Supplier<Tensor> loss) {
    for (int i = 0; i < 10; i++) {
      step(loss); // warm-up: first-use allocations
    }
    long growth = -1;
    // an attempt a collection ran through says nothing; in a full test JVM's heap one often
    // does (three attempts were all hit once when the tensor package's tests ran together)
    for (int attempt = 0; attempt < 6 && growth < 0; attempt++) {
      growth = growthWithoutCollectionMb(loss);
    }
    assertTrue(growth >= 0, name + ": a garbage collection ran during every attempt");
    assertTrue(growth < BOUND_MB, name + ": resident memory grew by " + growth + " MB over "
        + ITERATIONS + " steps: arrays were left to the garbage collector");
  }

  /** Growth in MB over the iterations, or -1 if a garbage collection ran meanwhile. */
  private static long growthWithoutCollectionMb(Supplier<Tensor> loss) {
    System.gc();
    settle(); // ND4J frees collected arrays on its own thread, shortly after the collection
    long collections = collections();
    long before = Pointer.physicalBytes();
    for (int i = 0; i < ITERATIONS; i++) {
      step(loss);
    }
    long after = Pointer.physicalBytes();
    return collections() == collections ? (after - before) >> 20 : -1;
  }

  private static void settle() {
    try {
      Thread.sleep(300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void step(Supplier<Tensor> loss) {
    try (StepScope scope = StepScope.open()) {
      Tensor value = loss.get();
      if (value.requiresGrad()) { // a case without backward stands for a step that stopped
        value.backward();
      }
      X.zeroGrad();
      Y.zeroGrad();
      POSITIVE.zeroGrad();
      GAMMA.zeroGrad();
      BETA.zeroGrad();
    }
  }

  private static long collections() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += gc.getCollectionCount();
    }
    return n;
  }
}
