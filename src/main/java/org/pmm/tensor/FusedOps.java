package org.pmm.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Operations fused into a few in-place passes over reused buffers because they run over every
 * weight of a Bayesian layer (or every input of a batch) at every step, where a composition of
 * elementary operations allocates and traverses one array per elementary step. Each has the
 * same value and gradient as its composition (tested against it).
 */
final class FusedOps {
  private FusedOps() {}

  /**
   * log Laplace(x | loc, scale) = −|x − loc| / scale − log(2·scale), element-wise; loc and
   * scale are scalars or have x's shape. Gradients: d/dx = −sign(x − loc)/scale, d/dloc =
   * −d/dx, d/dscale = |x − loc|/scale² − 1/scale.
   */
  static Tensor laplaceLogDensity(Tensor x, Tensor loc, Tensor scale) {
    INDArray diff = StepScope.adopt(x.value().sub(loc.value())); // the backward pass needs it
    INDArray out = Transforms.abs(diff, true);
    INDArray logTwoScale;
    if (scale.length() == 1) {
      double b = scale.value().getDouble(0);
      out.muli(-1.0 / b).subi(Math.log(2 * b));
      logTwoScale = null;
    } else {
      out.divi(scale.value()).negi();
      logTwoScale = Transforms.log(scale.value().mul(2.0), false);
      out.subi(logTwoScale);
      Memory.release(logTwoScale);
    }
    return Tensor.result("laplaceLogDensity", out, g -> {
      // dx = −sign(diff)/scale · g
      INDArray dx = Transforms.sign(diff, true).negi().muli(g);
      if (scale.length() == 1) {
        dx.muli(1.0 / scale.value().getDouble(0));
      } else {
        dx.divi(scale.value());
      }
      if (scale.requiresGrad()) {
        // |diff|/scale² − 1/scale = (|diff|/scale − 1)/scale = (−out − log 2scale − 1)/scale
        INDArray ds = Transforms.abs(diff, true);
        if (scale.length() == 1) {
          double b = scale.value().getDouble(0);
          ds.muli(1.0 / b).subi(1.0).muli(g).muli(1.0 / b);
          scale.accumulate(Nd4j.scalar(ds.dataType(), ds.sumNumber().doubleValue())
              .reshape(scale.shape()), true);
          Memory.release(ds);
        } else {
          ds.divi(scale.value()).subi(1.0).muli(g).divi(scale.value());
          scale.accumulate(ds, true);
        }
      }
      if (loc.requiresGrad()) {
        loc.accumulate(dx.neg(), true);
      }
      if (x.requiresGrad()) {
        x.accumulate(dx, true);
      } else {
        Memory.release(dx);
      }
    }, x, loc, scale);
  }

  /**
   * Σ log Laplace(x | loc, scale) over all elements, a scalar: the log-density of a weight matrix
   * whose elements are independent. For dense float arrays one pass forward and one backward
   * ({@link LaplaceKernels}), with no element-wise output and no broadcast upstream gradient
   * materialised; otherwise (doubles, views) the element-wise density summed.
   */
  static Tensor laplaceLogDensitySum(Tensor x, Tensor loc, Tensor scale) {
    if (!LaplaceKernels.applies(x, loc, scale)) {
      return ReductionOps.sumAll(laplaceLogDensity(x, loc, scale));
    }
    double total = LaplaceKernels.logDensitySum(x, loc, scale);
    return Tensor.result("laplaceLogDensitySum", Nd4j.scalar(x.dataType(), total),
        g -> LaplaceKernels.backward(x, loc, scale, g.getDouble(0)), x, loc, scale);
  }

  /**
   * Σ log Laplace(loc + scale·ε | loc, scale) = −Σ|ε| − Σ log(2·scale), a scalar: the guide's
   * log-density of its own reparameterised sample. Its gradient for loc is zero and for scale
   * −1/scale exactly (the paths through the sample and through the density cancel), so no
   * gradient reaches the sample and ε needs none. Dense floats: one pass forward and one
   * backward; otherwise ND4J operations.
   */
  static Tensor laplaceReparamLogDensitySum(Tensor eps, Tensor scale) {
    if (!LaplaceKernels.appliesReparam(eps, scale)) {
      Tensor scaleTerm = ReductionOps.sumAll(scale.mul(2.0).log());
      if (scale.length() == 1) {
        scaleTerm = scaleTerm.mul((double) eps.length());
      }
      return ReductionOps.sumAll(eps.detach().abs()).add(scaleTerm).neg();
    }
    double total = LaplaceKernels.reparamLogDensitySum(eps, scale);
    return Tensor.result("laplaceReparamLogDensitySum", Nd4j.scalar(eps.dataType(), total),
        g -> LaplaceKernels.reparamBackward(eps, scale, g.getDouble(0)), scale);
  }

  /**
   * Batch normalisation in training mode over axis 0, with optional scale and shift, and the
   * closed-form backward pass (Ioffe and Szegedy, 2015); no gradient is computed for an input
   * that needs none (data). Updates the running statistics. Dense float batches take
   * {@link BatchNormKernels}; the composition (doubles, views, a GPU's arrays) takes column sums
   * from {@link ColumnSums} and row-vector broadcasts that write into their outputs: ND4J's own
   * axis-0 reductions and {@code subRowVector} were most of a step's time on wide inputs.
   */
  static Tensor batchNormTrain(Tensor x, Tensor gamma, Tensor beta, BatchNormStats stats) {
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
  static Tensor batchNormTrainComposed(Tensor x, Tensor gamma, Tensor beta,
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
    if (!Ops.hasNonFinite(mean) && !Ops.hasNonFinite(variance)) {
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
      boolean dense = FloatKernels.applies(g) && g.rank() == 2;
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
