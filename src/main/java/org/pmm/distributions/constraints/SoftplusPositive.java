package org.pmm.distributions.constraints;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pmm.tensor.Ops;
import org.pmm.tensor.Tensor;

/**
 * Values greater than a lower bound c (0 for "positive"), reached by c + softplus(u). Softplus
 * grows linearly rather than exponentially, so large optimiser steps do not explode the value
 * (the default positive constraint; Pyro's softplus transform).
 */
public final class SoftplusPositive implements Constraint {
  private final double lowerBound;

  SoftplusPositive(double lowerBound) {
    this.lowerBound = lowerBound;
  }

  public double lowerBound() {
    return lowerBound;
  }

  @Override
  public Tensor transform(Tensor unconstrained) {
    Tensor y = unconstrained.softplus();
    return lowerBound == 0 ? y : y.add(lowerBound);
  }

  /** softplus⁻¹(y) = y + log(1 − e^(−y)), stable for large y. */
  @Override
  public INDArray inverse(INDArray constrained) {
    INDArray y = constrained.sub(lowerBound);
    INDArray t = Transforms.exp(y.neg(), false).negi();
    return Transforms.log1p(t, false).addi(y);
  }

  @Override
  public boolean check(INDArray value) {
    return value.length() == 0
        || (!Ops.hasNonFinite(value) && value.minNumber().doubleValue() > lowerBound);
  }

  @Override
  public String describe() {
    return lowerBound == 0 ? "positive (softplus)"
        : "greater than " + lowerBound + " (softplus)";
  }
}
