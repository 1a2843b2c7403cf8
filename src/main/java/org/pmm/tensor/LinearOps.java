package org.pmm.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix multiplication. Every product, forward and backward, is one {@code Nd4j.gemm} call with
 * transpose flags: transposed copies or {@code transpose().mmul()} run at less than half the GEMM
 * rate (SPEC §6). Gradients of parameters accumulate inside the GEMM (beta = 1).
 */
final class LinearOps {
  private LinearOps() {}

  static Tensor matmul(Tensor a, Tensor b) {
    if (a.rank() != 2 || b.rank() != 2) {
      throw new ShapeException("matmul: needs two matrices, got " + Tensor.shapeString(a.shape())
          + " @ " + Tensor.shapeString(b.shape()));
    }
    if (a.size(1) != b.size(0)) {
      throw new ShapeException("matmul: " + Tensor.shapeString(a.shape()) + " @ "
          + Tensor.shapeString(b.shape()) + ": inner dimensions " + a.size(1) + " and "
          + b.size(0) + " differ");
    }
    if (a.dataType() != b.dataType()) {
      throw new ShapeException("matmul: data types " + a.dataType() + " and " + b.dataType()
          + " differ");
    }
    INDArray out = Nd4j.createUninitialized(a.dataType(), a.size(0), b.size(1));
    Nd4j.gemm(a.value(), b.value(), out, false, false, 1.0, 0.0);
    GemmLog.record(a.size(0), a.size(1), b.size(1), false, false);
    return Tensor.result("matmul", out, g -> {
      if (a.requiresGrad()) {
        // dA = G · Bᵀ
        Tensor.GemmTarget t = a.gradTarget();
        Nd4j.gemm(g, b.value(), t.array(), false, true, 1.0, t.beta());
        GemmLog.record(g.size(0), g.size(1), b.size(0), false, true);
      }
      if (b.requiresGrad()) {
        // dB = Aᵀ · G
        Tensor.GemmTarget t = b.gradTarget();
        Nd4j.gemm(a.value(), g, t.array(), true, false, 1.0, t.beta());
        GemmLog.record(a.size(1), a.size(0), g.size(1), true, false);
      }
    }, a, b);
  }
}
