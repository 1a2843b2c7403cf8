package org.pmm.distributions.constraints;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.Ops;
import org.pmm.tensor.Tensor;

/** Any finite real number; the transform is the identity. */
public final class RealConstraint implements Constraint {
  RealConstraint() {}

  @Override
  public Tensor transform(Tensor unconstrained) {
    return unconstrained;
  }

  @Override
  public INDArray inverse(INDArray constrained) {
    return constrained.dup();
  }

  @Override
  public boolean check(INDArray value) {
    return !Ops.hasNonFinite(value);
  }

  @Override
  public String describe() {
    return "real";
  }
}
