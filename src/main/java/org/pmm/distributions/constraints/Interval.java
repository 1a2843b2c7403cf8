package org.pmm.distributions.constraints;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pmm.tensor.Ops;
import org.pmm.tensor.Tensor;

/**
 * Values in [lo, hi], reached by lo + (hi − lo) · sigmoid(u). The closed interval is checked
 * because sigmoid rounds to 0 or 1 for large |u| in floating point.
 */
public final class Interval implements Constraint {
  private final double lo;
  private final double hi;

  Interval(double lo, double hi) {
    if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
      throw new IllegalArgumentException("interval constraint: need finite lo < hi, got ["
          + lo + ", " + hi + "]");
    }
    this.lo = lo;
    this.hi = hi;
  }

  public double lo() {
    return lo;
  }

  public double hi() {
    return hi;
  }

  @Override
  public Tensor transform(Tensor unconstrained) {
    Tensor s = unconstrained.sigmoid();
    return lo == 0 && hi == 1 ? s : s.mul(hi - lo).add(lo);
  }

  /** logit((y − lo) / (hi − lo)). */
  @Override
  public INDArray inverse(INDArray constrained) {
    INDArray p = constrained.sub(lo).divi(hi - lo);
    INDArray logP = Transforms.log(p, true);
    INDArray log1mP = Transforms.log1p(p.negi(), false);
    return logP.subi(log1mP);
  }

  @Override
  public boolean check(INDArray value) {
    return value.length() == 0 || (!Ops.hasNonFinite(value)
        && value.minNumber().doubleValue() >= lo && value.maxNumber().doubleValue() <= hi);
  }

  @Override
  public String describe() {
    return "interval [" + lo + ", " + hi + "]";
  }
}
