package org.pmm.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pmm.tensor.Ops;
import org.pmm.tensor.ShapeException;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;

/** The fused maxout maximum against the reshape-and-max composition it replaces. */
class MaxoutPiecesTest {
  /** Values rounded to a coarse grid, so that pieces tie with their unit's maximum often. */
  private static INDArray withTies(long seed, long rows, long cols) {
    Nd4j.getRandom().setSeed(seed);
    return Transforms.round(Nd4j.randn(DataType.FLOAT, rows, cols).muli(2), true);
  }

  /** The output and h's gradient of sum(maxout(h) · w), fused or composed. */
  private static INDArray[] run(boolean fused, int pieces, long rows) {
    Tensor h = Tensor.parameter(withTies(1, rows, 300L * pieces));
    Nd4j.getRandom().setSeed(2);
    INDArray w = Nd4j.randn(DataType.FLOAT, rows, 300);
    try (StepScope step = StepScope.open()) {
      Tensor y = fused ? MaxoutPieces.apply(h, pieces) : MaxoutPieces.composed(h, pieces);
      y.mul(Tensor.constant(w)).sum().backward();
      return new INDArray[] {y.value().dup(), h.grad().dup()};
    }
  }

  @ParameterizedTest(name = "{0} pieces")
  @ValueSource(ints = {1, 2, 3, 5})
  void valuesAndGradientsEqualTheCompositionBitForBit(int pieces) {
    // 7 rows run on one core, 200 rows are split among the cores
    for (long rows : new long[] {7, 200}) {
      INDArray[] fused = run(true, pieces, rows);
      INDArray[] composed = run(false, pieces, rows);
      assertEquals(composed[0], fused[0], "values, " + rows + " rows");
      assertEquals(composed[1], fused[1], "gradients, " + rows + " rows");
    }
  }

  @Test
  void tiedPiecesEachReceiveTheGradient() {
    Tensor h = Tensor.parameter(Nd4j.createFromArray(new float[][] {{1, 1, 0, 2}}));
    try (StepScope step = StepScope.open()) {
      Tensor y = Ops.maxout(h, 2);
      assertEquals(Nd4j.createFromArray(new float[][] {{1, 2}}), y.value());
      y.mul(Tensor.constant(Nd4j.createFromArray(new float[][] {{3, 5}}))).sum().backward();
      assertEquals(Nd4j.createFromArray(new float[][] {{3, 3, 0, 5}}), h.grad());
    }
  }

  @Test
  void aConstantInputGetsNoGradient() {
    Tensor h = Tensor.constant(withTies(3, 4, 6));
    Tensor w = Tensor.parameter(withTies(4, 4, 3));
    try (StepScope step = StepScope.open()) {
      Ops.maxout(h, 2).mul(w).sum().backward();
      assertNull(h.grad());
      assertEquals(MaxoutPieces.composed(h, 2).value(), w.grad());
    }
  }

  @Test
  void columnsThatDoNotSplitIntoPiecesAreRefusedByName() {
    Tensor h = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 5));
    ShapeException e = assertThrows(ShapeException.class, () -> Ops.maxout(h, 2));
    assertEquals("maxout: [2, 5] must be a matrix whose columns split into groups of 2 pieces",
        e.getMessage());
  }
}
