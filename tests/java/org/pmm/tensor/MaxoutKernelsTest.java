package org.pmm.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The maxout kernels against the composition they replace (reshape, then max over the pieces),
 * values and gradients, including ties and sizes that are not a multiple of a chunk.
 */
class MaxoutKernelsTest {

  /** Value and input gradient of {@code Σ maxout(x)·w} for a fixed random w. */
  private record Outcome(INDArray value, INDArray gradient) {}

  private static Outcome run(INDArray x, int pieces, boolean kernel) {
    Tensor in = Tensor.parameter(x.dup());
    Nd4j.getRandom().setSeed(11);
    INDArray w = Nd4j.randn(DataType.FLOAT, x.size(0), x.size(1) / pieces);
    try (StepScope scope = StepScope.open()) {
      Tensor y = kernel ? Ops.maxout(in, pieces) : Ops.maxoutComposed(in, pieces);
      INDArray value = y.value().dup();
      y.mul(Tensor.constant(w)).sum().backward();
      return new Outcome(value, in.grad().dup());
    }
  }

  private static void assertSameOutcome(INDArray x, int pieces) {
    assertTrue(MaxoutKernels.applies(x, pieces));
    Outcome kernel = run(x, pieces, true);
    Outcome composed = run(x, pieces, false);
    assertEquals(composed.value(), kernel.value(), "values, pieces " + pieces);
    assertEquals(composed.gradient(), kernel.gradient(), "gradients, pieces " + pieces);
  }

  @Test
  void agreesWithTheCompositionOnRandomInputs() {
    for (int[] shape : new int[][] {{3, 4}, {64, 1024}, {37, 2 * 4099}}) {
      Nd4j.getRandom().setSeed(shape[1]);
      assertSameOutcome(Nd4j.randn(DataType.FLOAT, shape[0], shape[1]), 2);
    }
    Nd4j.getRandom().setSeed(5);
    assertSameOutcome(Nd4j.randn(DataType.FLOAT, 50, 3 * 301), 3);
  }

  @Test
  void tiesPassTheGradientToEveryMaximalPiece() {
    INDArray x = Nd4j.createFromArray(new float[][] {{1f, 1f, -2f, 5f}, {0f, -1f, 3f, 3f}});
    assertSameOutcome(x, 2);
    Tensor in = Tensor.parameter(x.dup());
    try (StepScope scope = StepScope.open()) {
      Ops.maxout(in, 2).sum().backward();
      assertEquals(Nd4j.createFromArray(new float[][] {{1f, 1f, 0f, 1f}, {1f, 0f, 1f, 1f}}),
          in.grad());
    }
  }

  @Test
  void piecesThatDoNotDivideTheWidthAreRejected() {
    Tensor x = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 4, 6));
    ShapeException e = assertThrows(ShapeException.class, () -> Ops.maxout(x, 4));
    assertTrue(e.getMessage().contains("[4, 6]"), e.getMessage());
  }
}
