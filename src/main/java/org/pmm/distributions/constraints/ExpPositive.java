package org.pmm.distributions.constraints;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pmm.tensor.Ops;
import org.pmm.tensor.Tensor;

/** Positive values reached by exp(u) (the log parameterisation of scales). */
public final class ExpPositive implements Constraint {
  ExpPositive() {}

  @Override
  public Tensor transform(Tensor unconstrained) {
    return unconstrained.exp();
  }

  @Override
  public INDArray inverse(INDArray constrained) {
    return Transforms.log(constrained, true);
  }

  @Override
  public boolean check(INDArray value) {
    return value.length() == 0
        || (!Ops.hasNonFinite(value) && value.minNumber().doubleValue() > 0);
  }

  @Override
  public String describe() {
    return "positive (exp)";
  }
}
