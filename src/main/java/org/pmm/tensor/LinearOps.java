package org.pmm.tensor;

import java.nio.ByteBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix multiplication. Every product, forward and backward, is one {@code Nd4j.gemm} call with
 * transpose flags: transposed copies or {@code transpose().mmul()} run at less than half the GEMM
 * rate (SPEC §6). Gradients of parameters accumulate inside the GEMM (beta = 1).
 */
final class LinearOps {
  private LinearOps() {}

  /**
   * {@code x·w + b} as one operation: the bias is added to the product in place, and its
   * backward sums the output gradient's rows for b and hands the same gradient to both GEMMs,
   * where {@code matmul(x, w).add(b)} allocated a second output forward and copied the
   * gradient backward. {@code b} has shape [columns] or [1, columns].
   */
  static Tensor affine(Tensor x, Tensor w, Tensor b) {
    checkMatmul("affine", x, w);
    long columns = w.size(1);
    if (b.length() != columns || b.rank() > 2 || (b.rank() == 2 && b.size(0) != 1)
        || b.dataType() != w.dataType()) {
      throw new ShapeException("affine: bias " + Tensor.shapeString(b.shape()) + " must be ["
          + columns + "] or [1, " + columns + "] of " + w.dataType() + " for "
          + Tensor.shapeString(x.shape()) + " @ " + Tensor.shapeString(w.shape()));
    }
    INDArray out = Nd4j.createUninitialized(x.dataType(), x.size(0), columns);
    Nd4j.gemm(x.value(), w.value(), out, false, false, 1.0, 0.0);
    GemmLog.record(x.size(0), x.size(1), columns, false, false);
    addBias(out, b.value());
    return Tensor.result("affine", out, g -> {
      b.accumulate(g, false);
      productBackward(x, w, g);
    }, x, w, b);
  }

  /** Adds {@code bias} to every row of {@code out} in place. */
  private static void addBias(INDArray out, INDArray bias) {
    if (FloatKernels.applies(out) && FloatKernels.applies(bias)
        && out.length() <= Integer.MAX_VALUE) {
      // in the arrays' memory with the Vector API: a third of ND4J's broadcast time at
      // [512, 1024] in the GMU step's profile, the same bits (one float addition)
      ByteBuffer row = FloatKernels.bytes(bias);
      ByteBuffer rows = FloatKernels.bytes(out);
      int cols = (int) out.size(1);
      ArrayMath math = ArrayMath.get();
      FloatKernels.byRows((int) out.size(0), cols,
          (lo, hi) -> math.addRow(row, rows, cols, lo, hi));
      return;
    }
    Nd4j.exec(new BroadcastAddOp(out, bias.reshape(1, out.size(1)), out, 1));
  }

  static Tensor matmul(Tensor a, Tensor b) {
    checkMatmul("matmul", a, b);
    INDArray out = Nd4j.createUninitialized(a.dataType(), a.size(0), b.size(1));
    Nd4j.gemm(a.value(), b.value(), out, false, false, 1.0, 0.0);
    GemmLog.record(a.size(0), a.size(1), b.size(1), false, false);
    return Tensor.result("matmul", out, g -> productBackward(a, b, g), a, b);
  }

  /** The gradients of {@code a·b} for output gradient g, each one GEMM into its target. */
  private static void productBackward(Tensor a, Tensor b, INDArray g) {
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
  }

  private static void checkMatmul(String op, Tensor a, Tensor b) {
    if (a.rank() != 2 || b.rank() != 2) {
      throw new ShapeException(op + ": needs two matrices, got " + Tensor.shapeString(a.shape())
          + " @ " + Tensor.shapeString(b.shape()));
    }
    if (a.size(1) != b.size(0)) {
      throw new ShapeException(op + ": " + Tensor.shapeString(a.shape()) + " @ "
          + Tensor.shapeString(b.shape()) + ": inner dimensions " + a.size(1) + " and "
          + b.size(0) + " differ");
    }
    if (a.dataType() != b.dataType()) {
      throw new ShapeException(op + ": data types " + a.dataType() + " and " + b.dataType()
          + " differ");
    }
  }
}
