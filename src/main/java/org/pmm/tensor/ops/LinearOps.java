package org.pmm.tensor.ops;

import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.pmm.tensor.GemmLog;
import org.pmm.tensor.ShapeException;
import org.pmm.tensor.Tensor;
import org.pmm.tensor.kernels.Accumulation;
import org.pmm.tensor.kernels.DenseFloats;
import org.pmm.tensor.kernels.KernelThreads;

/**
 * Matrix multiplication and affine maps. Every product, forward and backward, is one
 * {@code Nd4j.gemm} call with transpose flags: a transposed copy or {@code transpose().mmul()}
 * runs at less than half the GEMM rate. Gradients of parameters accumulate inside the GEMM
 * (beta = 1). The fused affine maps fall back to their composition for operands they do not
 * take (vectors, a bias that is not one row), so callers need not ask first.
 *
 * <pre>{@code
 * Tensor y = LinearOps.affine(x, w, b);                          // x·w + b, one operation
 * Tensor z = LinearOps.affineOfConcat(new Tensor[] {p, q}, w, b); // [p, q]·w + b, no concat
 * }</pre>
 */
public final class LinearOps {
  private LinearOps() {}

  /**
   * {@code x·w + b} as one operation: the bias is added to the product in place, and its
   * backward sums the output gradient's rows for b and hands the same gradient to both GEMMs,
   * where {@code matmul(x, w).add(b)} allocated a second output forward and copied the
   * gradient backward. {@code b} has shape [columns] or [1, columns]; other operands take the
   * composition {@code product(x, w).add(b)} ({@link #composedOr}).
   */
  public static Tensor affine(Tensor x, Tensor w, Tensor b) {
    String problem = matmulProblem("affine", x, w);
    if (problem == null) {
      problem = biasProblem("affine", Tensor.shapeString(x.shape()), w, b);
    }
    if (problem != null) {
      return composedOr(problem, () -> product(x, w).add(b));
    }
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
   * gradient is written block by block, without the copies a concatenation makes forward and
   * backward. The gated fusion's gate reads [h_t, h_i] this way. The blocks of a row-major w
   * are contiguous, so the GEMMs read and write them in place. Operands it does not take
   * (vectors, a bias that is not one row) take the composition
   * {@code product(concat(parts), w).add(b)} ({@link #composedOr}).
   */
  public static Tensor affineOfConcat(Tensor[] parts, Tensor w, Tensor b) {
    String problem = affineOfConcatProblem(parts, w, b);
    if (problem != null && parts.length == 0) {
      throw new ShapeException(problem);
    }
    if (problem != null) {
      return composedOr(problem,
          () -> product(ShapeOps.concat(parts[0].rank() - 1, parts), w).add(b));
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
   * The composition a fused affine map falls back to, or, when that fails too, the fused map's
   * own error {@code problem}, which names the shapes (the composition's error is attached as
   * suppressed).
   */
  private static Tensor composedOr(String problem, Supplier<Tensor> composition) {
    try {
      return composition.get();
    } catch (ShapeException e) {
      ShapeException error = new ShapeException(problem);
      error.addSuppressed(e);
      throw error;
    }
  }

  /**
   * {@code a @ b} for matrices and vectors, as the model language reads it: a vector on the
   * left is a row, on the right a column, and two vectors give their dot product.
   */
  public static Tensor product(Tensor a, Tensor b) {
    if (a.rank() == 2 && b.rank() == 2) {
      return a.matmul(b);
    }
    if (a.rank() == 2 && b.rank() == 1) {
      return a.matmul(b.reshape(b.size(0), 1)).reshape(a.size(0));
    }
    if (a.rank() == 1 && b.rank() == 2) {
      return a.reshape(1, a.size(0)).matmul(b).reshape(b.size(1));
    }
    if (a.rank() == 1 && b.rank() == 1) {
      return a.mul(b).sum();
    }
    throw new ShapeException("@ needs matrices or vectors, got " + Tensor.shapeString(a.shape())
        + " @ " + Tensor.shapeString(b.shape()));
  }

  /**
   * Why {@link #affineOfConcat}'s fused form cannot take these operands, as its error message,
   * or null when it can.
   */
  private static String affineOfConcatProblem(Tensor[] parts, Tensor w, Tensor b) {
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
    if (DenseFloats.applies(out) && DenseFloats.applies(bias)
        && out.length() <= Integer.MAX_VALUE) {
      // in the arrays' memory with the Vector API, faster than ND4J's broadcast, the same bits
      // (one float addition)
      ByteBuffer row = DenseFloats.bytes(bias);
      ByteBuffer rows = DenseFloats.bytes(out);
      int cols = (int) out.size(1);
      Accumulation math = Accumulation.get();
      KernelThreads.byRows((int) out.size(0), cols,
          (lo, hi) -> math.addRow(row, rows, cols, lo, hi));
      return;
    }
    Nd4j.exec(new BroadcastAddOp(out, bias.reshape(1, out.size(1)), out, 1));
  }

  /** The product of two matrices. */
  public static Tensor matmul(Tensor a, Tensor b) {
    String problem = matmulProblem("matmul", a, b);
    if (problem != null) {
      throw new ShapeException(problem);
    }
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

  /** Why {@code a·b} is not a product of two matrices, or null when it is. */
  private static String matmulProblem(String op, Tensor a, Tensor b) {
    if (a.rank() != 2 || b.rank() != 2) {
      return op + ": needs two matrices, got " + Tensor.shapeString(a.shape()) + " @ "
          + Tensor.shapeString(b.shape());
    }
    if (a.size(1) != b.size(0)) {
      return op + ": " + Tensor.shapeString(a.shape()) + " @ " + Tensor.shapeString(b.shape())
          + ": inner dimensions " + a.size(1) + " and " + b.size(0) + " differ";
    }
    if (a.dataType() != b.dataType()) {
      return op + ": data types " + a.dataType() + " and " + b.dataType() + " differ";
    }
    return null;
  }
}
