package org.pmm.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
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
    INDArray diff = x.value().sub(loc.value());
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
   * Batch normalisation in training mode over axis 0, with optional scale and shift, and the
   * closed-form backward pass (Ioffe and Szegedy, 2015); no gradient is computed for an input
   * that needs none (data). Updates the running statistics.
   */
  static Tensor batchNormTrain(Tensor x, Tensor gamma, Tensor beta, BatchNormStats stats) {
    INDArray xv = x.value();
    long rows = xv.size(0);
    INDArray mean = xv.mean(true, 0);
    INDArray variance = xv.var(false, 0).reshape(mean.shape());
    // A batch with NaN or infinite values (stopped or skipped by training's guard) must not
    // corrupt the running statistics that evaluation uses.
    if (!Ops.hasNonFinite(mean) && !Ops.hasNonFinite(variance)) {
      stats.update(mean, variance, rows);
    }
    INDArray inv = Transforms.pow(variance.add(stats.epsilon()), -0.5, false);
    INDArray xhat = xv.sub(mean).muli(inv);
    INDArray y = gamma == null ? xhat.dup() : xhat.mul(gamma.value());
    if (beta != null) {
      y.addi(beta.value());
    }
    Memory.release(mean);
    Memory.release(variance);
    Tensor[] inputs = gamma == null
        ? (beta == null ? new Tensor[] {x} : new Tensor[] {x, beta})
        : (beta == null ? new Tensor[] {x, gamma} : new Tensor[] {x, gamma, beta});
    return Tensor.result("batchNorm", y, g -> {
      if (beta != null && beta.requiresGrad()) {
        beta.accumulate(g.sum(true, 0), true);
      }
      if (gamma != null && gamma.requiresGrad()) {
        INDArray gx = g.mul(xhat);
        gamma.accumulate(gx.sum(true, 0), true);
        Memory.release(gx);
      }
      if (x.requiresGrad()) {
        INDArray dxhat = gamma == null ? g.dup() : g.mul(gamma.value());
        INDArray sumD = dxhat.sum(true, 0);
        INDArray prod = dxhat.mul(xhat);
        INDArray sumDx = prod.sum(true, 0);
        Memory.release(prod);
        // dx = inv/B · (B·dxhat − Σdxhat − xhat·Σ(dxhat·xhat))
        INDArray t = xhat.mul(sumDx);
        dxhat.muli(rows).subi(sumD).subi(t).muli(inv).muli(1.0 / rows);
        Memory.release(t);
        Memory.release(sumD);
        Memory.release(sumDx);
        x.accumulate(dxhat, true);
      }
    }, inputs);
  }
}
