package org.pmm.tensor;

import java.nio.ByteBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

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
    checkBias("affine", Tensor.shapeString(x.shape()), w, b);
    long columns = w.size(1);
    INDArray out = Nd4j.createUninitialized(x.dataType(), x.size(0), columns);
    Nd4j.gemm(x.value(), w.value(), out, false, false, 1.0, 0.0);
    GemmLog.record(x.size(0), x.size(1), columns, false, false);
    addBias(out, b.value());
    return Tensor.result("affine", out, g -> {
      b.accumulate(g, false);
      productBackward(x, w, g);
    }, x, w, b);
  }

  /**
   * {@code concat(parts along columns)·w + b} without building the concatenation: each part
   * meets its own rows of w in one GEMM (the first writes the output, the others add with
   * beta = 1), and backward each part's gradient is one GEMM against those rows and w's
   * gradient is written block by block. The gated fusion's gate reads [h_t, h_i] this way; the
   * concatenation and its backward copies took 1.9 ms of a 145 ms GMU step. The blocks of a
   * row-major w are contiguous, so the GEMMs read and write them in place.
   */
  static Tensor affineOfConcat(Tensor[] parts, Tensor w, Tensor b) {
    String problem = affineOfConcatProblem(parts, w, b);
    if (problem != null) {
      throw new ShapeException(problem);
    }
    long[] widths = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      widths[i] = parts[i].size(1);
    }
    long rows = parts[0].size(0);
    long columns = w.size(1);
    INDArray out = Nd4j.createUninitialized(w.dataType(), rows, columns);
    long at = 0;
    for (int i = 0; i < parts.length; i++) {
      Nd4j.gemm(parts[i].value(), rowBlock(w.value(), at, widths[i]), out, false, false, 1.0,
          i == 0 ? 0.0 : 1.0);
      GemmLog.record(rows, widths[i], columns, false, false);
      at += widths[i];
    }
    addBias(out, b.value());
    Tensor[] inputs = java.util.Arrays.copyOf(parts, parts.length + 2);
    inputs[parts.length] = w;
    inputs[parts.length + 1] = b;
    return Tensor.result("affineOfConcat", out, g -> {
      b.accumulate(g, false);
      Tensor.GemmTarget dw = w.requiresGrad() ? w.gradTarget() : null;
      long from = 0;
      for (int i = 0; i < parts.length; i++) {
        INDArray block = rowBlock(w.value(), from, widths[i]);
        if (parts[i].requiresGrad()) {
          // d part = G · w[block]ᵀ
          Tensor.GemmTarget t = parts[i].gradTarget();
          Nd4j.gemm(g, block, t.array(), false, true, 1.0, t.beta());
          GemmLog.record(rows, columns, widths[i], false, true);
        }
        if (dw != null) {
          // d w[block] = partᵀ · G
          Nd4j.gemm(parts[i].value(), g, rowBlock(dw.array(), from, widths[i]), true, false,
              1.0, dw.beta());
          GemmLog.record(widths[i], rows, columns, true, false);
        }
        from += widths[i];
      }
    }, inputs);
  }

  /** Rows [from, from + count) of a matrix, as a view. */
  private static INDArray rowBlock(INDArray m, long from, long count) {
    return m.get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all());
  }

  /**
   * Why {@link #affineOfConcat} cannot take these operands, as its error message, or null when
   * it can: the compiler asks before choosing it.
   */
  static String affineOfConcatProblem(Tensor[] parts, Tensor w, Tensor b) {
    if (parts.length == 0) {
      return "affineOfConcat: no parts";
    }
    long inner = 0;
    StringBuilder shapes = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      Tensor p = parts[i];
      if (p.rank() != 2 || p.size(0) != parts[0].size(0) || p.dataType() != w.dataType()) {
        return "affineOfConcat: part " + i + " " + Tensor.shapeString(p.shape()) + " of "
            + p.dataType() + " must be a matrix of " + parts[0].size(0) + " rows of "
            + w.dataType();
      }
      inner += p.size(1);
      shapes.append(i == 0 ? "" : " ++ ").append(Tensor.shapeString(p.shape()));
    }
    if (w.rank() != 2 || w.size(0) != inner) {
      return "affineOfConcat: " + shapes + " @ " + Tensor.shapeString(w.shape())
          + ": the parts have " + inner + " columns together";
    }
    return biasProblem("affineOfConcat", shapes.toString(), w, b);
  }

  private static void checkBias(String op, String input, Tensor w, Tensor b) {
    String problem = biasProblem(op, input, w, b);
    if (problem != null) {
      throw new ShapeException(problem);
    }
  }

  private static String biasProblem(String op, String input, Tensor w, Tensor b) {
    long columns = w.size(1);
    if (b.length() != columns || b.rank() > 2 || (b.rank() == 2 && b.size(0) != 1)
        || b.dataType() != w.dataType()) {
      return op + ": bias " + Tensor.shapeString(b.shape()) + " must be [" + columns + "] or [1, "
          + columns + "] of " + w.dataType() + " for " + input + " @ "
          + Tensor.shapeString(w.shape());
    }
    return null;
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
