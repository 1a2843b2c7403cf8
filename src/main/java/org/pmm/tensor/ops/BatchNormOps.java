package org.pmm.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pmm.tensor.BatchNormStats;
import org.pmm.tensor.Memory;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;
import org.pmm.tensor.kernels.BatchNormKernels;
import org.pmm.tensor.kernels.ColumnSums;
import org.pmm.tensor.kernels.DenseFloats;
import org.pmm.tensor.kernels.ValueChecks;

/**
 * Batch normalisation over axis 0, forward and backward: in training mode with the batch's
 * statistics (fused kernels for dense floats, {@link BatchNormKernels}; an ND4J composition
 * otherwise, also the tests' reference), in evaluation mode with the running ones.
 *
 * <pre>{@code
 * BatchNormStats stats = new BatchNormStats(DataType.FLOAT, 300, 0.1, 1e-5);
 * Tensor y = BatchNormOps.batchNorm(x, gamma, beta, stats, true);   // Ops.batchNorm
 * }</pre>
 */
public final class BatchNormOps {
  private BatchNormOps() {}

  /**
   * Batch normalisation over axis 0. Training mode normalises with the batch's statistics (and
   * differentiates through them) and updates the running ones; evaluation mode uses the running
   * statistics. {@code gamma} and {@code beta} may be null for a layer without affine part.
   */
  public static Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, BatchNormStats stats,
      boolean training) {
    if (training) {
      return batchNormTrain(x, gamma, beta, stats);
    }
    // y = x·a + b with the row vectors a = γ/√(var + ε) and b = β − mean·a folded first: two
    // passes over the batch instead of four (gradients still reach γ and β through a and b)
    INDArray inv = Transforms.pow(stats.runningVar().add(stats.epsilon()), -0.5, false);
    Tensor a = Tensor.stepConstant(inv);
    Tensor b = Tensor.stepConstant(stats.runningMean().mul(inv).negi());
    if (gamma != null) {
      a = a.mul(gamma);
      b = b.mul(gamma);
    }
    if (beta != null) {
      b = b.add(beta);
    }
    return x.mul(a).add(b);
  }

  /**
   * Batch normalisation in training mode over axis 0, with optional scale and shift, and the
   * closed-form backward pass (Ioffe and Szegedy, 2015); no gradient is computed for an input
   * that needs none (data). Updates the running statistics. Dense float batches take
   * {@link BatchNormKernels}; the composition (doubles, views, a GPU's arrays) takes column sums
   * from {@link ColumnSums} and row-vector broadcasts that write into their outputs: ND4J's own
   * axis-0 reductions and {@code subRowVector} were most of a step's time on wide inputs.
   */
  public static Tensor batchNormTrain(Tensor x, Tensor gamma, Tensor beta, BatchNormStats stats) {
    if (BatchNormKernels.applies(x.value(), gamma == null ? null : gamma.value(),
        beta == null ? null : beta.value())) {
      return batchNormTrainFused(x, gamma, beta, stats);
    }
    return batchNormTrainComposed(x, gamma, beta, stats);
  }

  /**
   * {@link #batchNormTrain} composed of ND4J operations: for doubles, views and a GPU's arrays
   * (and as the reference the fused kernels are tested against).
   */
  public static Tensor batchNormTrainComposed(Tensor x, Tensor gamma, Tensor beta,
      BatchNormStats stats) {
    INDArray xv = x.value();
    long rows = xv.size(0);
    INDArray dense = ColumnSums.applies(xv) ? xv : xv.dup('c');
    INDArray mean = ColumnSums.of(dense, 1.0 / rows);
    INDArray xhat = Nd4j.createUninitialized(xv.dataType(), xv.shape());
    Nd4j.exec(new BroadcastSubOp(dense, mean, xhat, 1));
    if (dense != xv) {
      Memory.release(dense);
    }
    INDArray squares = xhat.mul(xhat);
    INDArray variance = ColumnSums.of(squares, 1.0 / rows);
    Memory.release(squares);
    // A batch with NaN or infinite values (stopped or skipped by training's guard) must not
    // corrupt the running statistics that evaluation uses.
    if (!ValueChecks.hasNonFinite(mean) && !ValueChecks.hasNonFinite(variance)) {
      stats.update(mean, variance, rows);
    }
    INDArray inv = Transforms.pow(variance.addi(stats.epsilon()), -0.5, false);
    Nd4j.exec(new BroadcastMulOp(xhat, inv, xhat, 1));
    INDArray y;
    if (gamma == null && beta == null) {
      y = xhat;
    } else {
      y = gamma == null ? xhat.dup() : rowBroadcast(xhat, gamma.value(), false);
      if (beta != null) {
        Nd4j.exec(new BroadcastAddOp(y, beta.value().reshape(1, y.size(1)), y, 1));
      }
    }
    Memory.release(mean);
    Tensor[] inputs = gamma == null
        ? (beta == null ? new Tensor[] {x} : new Tensor[] {x, beta})
        : (beta == null ? new Tensor[] {x, gamma} : new Tensor[] {x, gamma, beta});
    Tensor result = Tensor.result("batchNorm", y, g -> {
      if (beta != null && beta.requiresGrad()) {
        beta.accumulate(ColumnSums.sumRows(g), true);
      }
      if (gamma != null && gamma.requiresGrad()) {
        INDArray gx = g.mul(xhat);
        gamma.accumulate(ColumnSums.sumRows(gx), true);
        Memory.release(gx);
      }
      if (x.requiresGrad()) {
        INDArray dxhat = gamma == null ? g.dup() : rowBroadcast(g, gamma.value(), false);
        INDArray sumD = ColumnSums.sumRows(dxhat);
        INDArray prod = dxhat.mul(xhat);
        INDArray sumDx = ColumnSums.sumRows(prod);
        // dx = inv/B · (B·dxhat − Σdxhat − xhat·Σ(dxhat·xhat))
        Nd4j.exec(new BroadcastMulOp(xhat, sumDx, prod, 1));
        dxhat.muli(rows).subi(prod);
        Nd4j.exec(new BroadcastSubOp(dxhat, sumD, dxhat, 1));
        inv.muli(1.0 / rows);
        Nd4j.exec(new BroadcastMulOp(dxhat, inv, dxhat, 1));
        Memory.release(prod);
        Memory.release(sumD);
        Memory.release(sumDx);
        x.accumulate(dxhat, true);
      }
      releaseSaved(y, xhat, inv);
    }, inputs);
    keepSaved(result, y, xhat, inv);
    return result;
  }

  /**
   * {@link #batchNormTrain} by {@link BatchNormKernels}: the same values and gradients up to
   * float rounding.
   */
  private static Tensor batchNormTrainFused(Tensor x, Tensor gamma, Tensor beta,
      BatchNormStats stats) {
    BatchNormKernels.Forward f = BatchNormKernels.forward(x.value(),
        gamma == null ? null : gamma.value(), beta == null ? null : beta.value(),
        stats.epsilon());
    // A batch with NaN or infinite values (stopped or skipped by training's guard) must not
    // corrupt the running statistics that evaluation uses.
    if (allFinite(f.mean()) && allFinite(f.variance())) {
      stats.update(f.mean(), f.variance(), x.value().size(0));
    }
    Tensor[] inputs = java.util.stream.Stream.of(x, gamma, beta)
        .filter(java.util.Objects::nonNull).toArray(Tensor[]::new);
    Tensor result = Tensor.result("batchNorm", f.y(), g -> {
      boolean dense = DenseFloats.applies(g) && g.rank() == 2;
      INDArray grad = dense ? g : g.dup('c');
      BatchNormKernels.Gradients d = BatchNormKernels.backward(grad, x.value(), f,
          gamma == null ? null : gamma.value(), x.requiresGrad());
      if (!dense) {
        Memory.release(grad);
      }
      if (beta != null && beta.requiresGrad()) {
        beta.accumulate(d.sumG(), true);
      } else {
        Memory.release(d.sumG());
      }
      if (gamma != null && gamma.requiresGrad()) {
        gamma.accumulate(d.sumGXhat(), true);
      } else {
        Memory.release(d.sumGXhat());
      }
      if (d.dx() != null) {
        x.accumulate(d.dx(), true);
      }
    }, inputs);
    return result;
  }

  private static boolean allFinite(float[] values) {
    for (float v : values) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /**
   * What batch normalisation kept for its backward pass: freed now if no backward pass will
   * run, else by the backward pass as soon as it is done with them, or by the step scope if the
   * step stops before backward (releasing twice is harmless).
   */
  private static void keepSaved(Tensor result, INDArray y, INDArray xhat, INDArray inv) {
    if (!result.requiresGrad()) {
      releaseSaved(y, xhat, inv);
      return;
    }
    if (y != xhat) {
      StepScope.adopt(xhat);
    }
    StepScope.adopt(inv);
  }

  /** Frees what batch normalisation kept for its backward pass (not the output itself). */
  private static void releaseSaved(INDArray y, INDArray xhat, INDArray inv) {
    if (y != xhat) {
      Memory.release(xhat);
    }
    Memory.release(inv);
  }

  /** {@code m · row} with {@code row} broadcast over m's rows, into a new array or in place. */
  private static INDArray rowBroadcast(INDArray m, INDArray row, boolean inPlace) {
    INDArray out = inPlace ? m : Nd4j.createUninitialized(m.dataType(), m.shape());
    Nd4j.exec(new BroadcastMulOp(m, row.reshape(1, m.size(1)), out, 1));
    return out;
  }
}
