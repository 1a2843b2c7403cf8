package org.pmm.tensor.ops;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pmm.tensor.Memory;
import org.pmm.tensor.OpProfile;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.ShapeException;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;
import org.pmm.tensor.kernels.DenseFloats;
import org.pmm.tensor.kernels.KernelThreads;
import org.pmm.tensor.kernels.KernelThreads.Work;
import org.pmm.tensor.kernels.LaplaceMath;

/**
 * Laplace draws and log-densities, forward and backward, fused because they run over every
 * weight of a Bayesian layer at every step, where a composition of elementary operations allocates and
 * traverses one array per elementary step. loc and scale are scalars or have x's shape. Each
 * has the same value and gradient as its composition (tested against it); the sums take
 * {@link LaplaceMath}'s one-pass kernels for dense floats.
 *
 * <pre>{@code
 * LaplaceOps.Reparameterised draw = LaplaceOps.rsample(loc, scale, rng, 300, 256);
 * Tensor w = draw.sample();                     // loc + scale·ε, ε = draw.noise()
 * Tensor logPrior = LaplaceOps.logDensitySum(w, zero, scale);   // Ops.laplaceLogDensitySum
 * }</pre>
 */
public final class LaplaceOps {
  private LaplaceOps() {}

  /** A reparameterised sample {@code loc + scale·noise} and its standard noise, a constant. */
  public record Reparameterised(Tensor sample, Tensor noise) {}

  /**
   * A reparameterised draw x = loc + scale·ε, ε standard Laplace from {@code rng} (the draws of
   * {@link RandomStream#laplace}), with gradients d/dloc = g and d/dscale = g·ε. For dense float
   * loc and scale of one shape, the noise and the sample come from one pass over the uniform
   * draws, loc and scale, with the bits of {@code loc.add(scale.mul(eps))}; otherwise it is that
   * composition.
   */
  public static Reparameterised rsample(Tensor loc, Tensor scale, RandomStream rng,
      long... shape) {
    if (!Arrays.equals(loc.shape(), shape) || !Arrays.equals(scale.shape(), shape)
        || !DenseFloats.applies(loc.value(), scale.value())) {
      Tensor eps = Tensor.stepConstant(
          Memory.castFreeing(rng.laplace(loc.dataType(), shape), loc.dataType()));
      return new Reparameterised(loc.add(scale.mul(eps)), eps);
    }
    OpProfile.mark("(before noise)");
    INDArray u = rng.uniform(loc.dataType(), 0.0, 1.0, shape);
    INDArray w = Nd4j.createUninitialized(loc.dataType(), shape);
    float h = (float) RandomStream.LAPLACE_U_HALF_WIDTH;
    LaplaceMath math = LaplaceMath.get();
    ByteBuffer us = DenseFloats.bytes(u);
    ByteBuffer locs = DenseFloats.bytes(loc.value());
    ByteBuffer scales = DenseFloats.bytes(scale.value());
    ByteBuffer ws = DenseFloats.bytes(w);
    KernelThreads.byRanges(Work.COMPUTE, u.length(),
        (lo, hi) -> math.reparameterise(us, locs, scales, ws, lo, hi, h));
    Tensor eps = Tensor.stepConstant(u);
    Tensor sample = Tensor.result("laplaceRsample", w, g -> {
      loc.accumulate(g, false);
      scale.accumulateProduct(g, u);
    }, loc, scale);
    return new Reparameterised(sample, eps);
  }

  /**
   * log Laplace(x | loc, scale) = −|x − loc| / scale − log(2·scale), element-wise. Gradients:
   * d/dx = −sign(x − loc)/scale, d/dloc = −d/dx, d/dscale = |x − loc|/scale² − 1/scale.
   */
  public static Tensor logDensity(Tensor x, Tensor loc, Tensor scale) {
    checkOperands("laplaceLogDensity", x, loc, scale);
    return elementwise(x, loc, scale);
  }

  private static Tensor elementwise(Tensor x, Tensor loc, Tensor scale) {
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
   * whose elements are independent, with the same value and gradients as
   * {@code logDensity(x, loc, scale).sum()}. For dense float arrays one pass forward and one
   * backward ({@link LaplaceMath}), with no element-wise output and no broadcast upstream
   * gradient materialised; otherwise (doubles, views) the element-wise density summed.
   */
  public static Tensor logDensitySum(Tensor x, Tensor loc, Tensor scale) {
    checkOperands("laplaceLogDensitySum", x, loc, scale);
    if (!LaplaceMath.applies(x.value(), loc.value(), scale.value())) {
      return ReductionOps.sumAll(elementwise(x, loc, scale));
    }
    double total = LaplaceMath.logDensitySum(x.value(), loc.value(), scale.value());
    return Tensor.result("laplaceLogDensitySum", Nd4j.scalar(x.dataType(), total),
        g -> sumBackward(x, loc, scale, g.getDouble(0)), x, loc, scale);
  }

  /** The gradients of {@code up ·} {@link #logDensitySum} for the operands that need one. */
  private static void sumBackward(Tensor x, Tensor loc, Tensor scale, double up) {
    if (loc.length() == 1 && scale.length() == 1 && !loc.requiresGrad()
        && !scale.requiresGrad()) {
      // a prior's: −up·sign(x − m)/b added straight into x's gradient
      float c = -(float) up * (1f / scale.value().getFloat(0));
      x.accumulateSignedConstant(x.value(), loc.value().getFloat(0), c,
          () -> LaplaceMath.gradients(x.value(), loc.value(), scale.value(), true, false, false,
              up).dx());
      return;
    }
    LaplaceMath.Gradients d = LaplaceMath.gradients(x.value(), loc.value(), scale.value(),
        x.requiresGrad(), loc.requiresGrad(), scale.requiresGrad(), up);
    if (scale.requiresGrad()) {
      scale.accumulate(scale.length() != 1 ? d.dscale() : scalar(x, d.scaleSum(), scale), true);
    }
    if (loc.requiresGrad()) {
      loc.accumulate(loc.length() != 1 ? d.dloc() : scalar(x, d.locSum(), loc), true);
    }
    if (d.dx() != null) {
      x.accumulate(d.dx(), true);
    }
  }

  /**
   * Σ log Laplace(loc + scale·ε | loc, scale) = −Σ|ε| − Σ log(2·scale), a scalar: the guide's
   * log-density of its own reparameterised sample. Its gradient for loc is zero and for scale
   * −1/scale exactly (the paths through the sample and through the density cancel), so no
   * gradient reaches the sample and ε needs none. Dense floats: one pass forward and one
   * backward; otherwise ND4J operations.
   */
  public static Tensor reparamLogDensitySum(Tensor eps, Tensor scale) {
    boolean scaleOk = scale.length() == 1 || Arrays.equals(scale.shape(), eps.shape());
    if (!scaleOk || scale.dataType() != eps.dataType()) {
      throw new ShapeException("laplaceReparamLogDensitySum: scale "
          + Tensor.shapeString(scale.shape()) + " must be a scalar or match eps "
          + Tensor.shapeString(eps.shape()) + " (same data type)");
    }
    if (!LaplaceMath.appliesReparam(eps.value(), scale.value())) {
      Tensor scaleTerm = ReductionOps.sumAll(scale.mul(2.0).log());
      if (scale.length() == 1) {
        scaleTerm = scaleTerm.mul((double) eps.length());
      }
      return ReductionOps.sumAll(eps.detach().abs()).add(scaleTerm).neg();
    }
    double total = LaplaceMath.reparamLogDensitySum(eps.value(), scale.value());
    return Tensor.result("laplaceReparamLogDensitySum", Nd4j.scalar(eps.dataType(), total),
        g -> reparamBackward(eps, scale, g.getDouble(0)), scale);
  }

  /** d/dscale of {@code up ·} {@link #reparamLogDensitySum}: −up/scale per element. */
  private static void reparamBackward(Tensor eps, Tensor scale, double up) {
    if (!scale.requiresGrad()) {
      return;
    }
    if (scale.length() == 1) {
      double b = scale.value().getDouble(0);
      scale.accumulate(scalar(eps, -up * eps.length() / b, scale), true);
      return;
    }
    scale.accumulateQuotient(-(float) up, scale.value(),
        () -> LaplaceMath.reparamScaleGradient(scale.value(), up));
  }

  private static INDArray scalar(Tensor x, double value, Tensor shapeOf) {
    return Nd4j.scalar(x.dataType(), value).reshape(shapeOf.shape());
  }

  private static void checkOperands(String op, Tensor x, Tensor loc, Tensor scale) {
    boolean locOk = loc.length() == 1 || Arrays.equals(loc.shape(), x.shape());
    boolean scaleOk = scale.length() == 1 || Arrays.equals(scale.shape(), x.shape());
    if (!locOk || !scaleOk || loc.dataType() != x.dataType()
        || scale.dataType() != x.dataType()) {
      throw new ShapeException(op + ": loc " + Tensor.shapeString(loc.shape())
          + " and scale " + Tensor.shapeString(scale.shape()) + " must be scalars or match x "
          + Tensor.shapeString(x.shape()) + " (same data type)");
    }
  }
}
