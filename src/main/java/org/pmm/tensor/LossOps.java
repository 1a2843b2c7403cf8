package org.pmm.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Losses fused into one operation for numerical stability and speed. */
final class LossOps {
  private LossOps() {}

  /**
   * Element-wise binary cross-entropy of {@code logits} against 0/1 {@code targets}:
   * softplus(x) - x·y, which never evaluates exp of a large positive number.
   * Gradient: sigmoid(x) - y.
   */
  static Tensor bceWithLogits(Tensor logits, INDArray targets) {
    if (!java.util.Arrays.equals(logits.shape(), targets.shape())) {
      throw new ShapeException("bceWithLogits: logits " + Tensor.shapeString(logits.shape())
          + " and targets " + Tensor.shapeString(targets.shape()) + " differ");
    }
    INDArray x = logits.value();
    INDArray y = targets.dataType() == x.dataType() ? targets
        : StepScope.adopt(targets.castTo(x.dataType())); // the backward pass needs it
    INDArray loss = UnaryOps.stableSoftplus(x);
    INDArray xy = x.mul(y);
    loss.subi(xy);
    Memory.release(xy);
    return Tensor.result("bceWithLogits", loss, g -> {
      INDArray d = Transforms.sigmoid(x, true).subi(y).muli(g);
      logits.accumulate(d, true);
    }, logits);
  }
}
