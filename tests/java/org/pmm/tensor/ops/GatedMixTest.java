package org.pmm.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.Ops;
import org.pmm.tensor.ShapeException;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;

/** The fused gated mixture against the composition of operations it replaces. */
class GatedMixTest {
  private static INDArray random(long seed, double scale, long... shape) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.randn(DataType.FLOAT, shape).muli(scale);
  }

  /** Gradients of sum(mix · w) for a fused or composed mixture. */
  private static INDArray[] gradients(boolean fused, boolean textNeedsGrad) {
    Tensor a = Tensor.parameter(random(1, 3, 37, 1000));
    Tensor ht = textNeedsGrad ? Tensor.parameter(random(2, 1, 37, 1000))
        : Tensor.constant(random(2, 1, 37, 1000));
    Tensor hi = Tensor.parameter(random(3, 1, 37, 1000));
    INDArray w = random(4, 1, 37, 1000);
    try (StepScope step = StepScope.open()) {
      Tensor z = fused ? GatedMix.apply(a, ht, hi) : GatedMix.composed(a, ht, hi);
      z.mul(Tensor.constant(w)).sum().backward();
      return new INDArray[] {z.value().dup(), a.grad(), ht.grad(), hi.grad()};
    }
  }

  @Test
  void forwardValuesEqualTheCompositionBitForBit() {
    INDArray fused = gradients(true, true)[0];
    INDArray composed = gradients(false, true)[0];
    assertEquals(composed, fused);
  }

  @Test
  void gradientsAgreeWithTheComposition() {
    INDArray[] fused = gradients(true, true);
    INDArray[] composed = gradients(false, true);
    for (int k = 1; k < 4; k++) {
      double scale = composed[k].norm2Number().doubleValue();
      double diff = fused[k].sub(composed[k]).norm2Number().doubleValue();
      assertTrue(diff <= 1e-6 * scale, "operand " + k + ": difference " + diff + " of " + scale);
    }
  }

  @Test
  void aConstantOperandGetsNoGradient() {
    INDArray[] fused = gradients(true, false);
    assertNull(fused[2]);
    INDArray[] composed = gradients(false, false);
    assertTrue(fused[1].sub(composed[1]).norm2Number().doubleValue()
        <= 1e-6 * composed[1].norm2Number().doubleValue());
  }

  @Test
  void operandsOfDifferentShapesAreRefusedByName() {
    Tensor a = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 3));
    Tensor b = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 4));
    ShapeException e = assertThrows(ShapeException.class, () -> Ops.gatedMix(a, a, b));
    assertEquals("gatedMix: gate [2, 3], h_t [2, 3] and h_i [2, 4] must have one shape",
        e.getMessage());
  }
}
