package org.pmm.distributions.constraints;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pmm.distributions.TensorMath;
import org.pmm.tensor.Ops;
import org.pmm.tensor.Tensor;

/**
 * Non-negative vectors summing to 1 over the last dimension, reached by softmax(u). The
 * unconstrained array has the same shape as the constrained one (convenient for the parameter
 * store); softmax is invariant to adding a constant to u, so {@link #inverse} returns the
 * centred log, log y − mean(log y).
 */
public final class Simplex implements Constraint {
  Simplex() {}

  @Override
  public Tensor transform(Tensor unconstrained) {
    return TensorMath.logSoftmax(unconstrained, -1).exp();
  }

  @Override
  public INDArray inverse(INDArray constrained) {
    INDArray log = Transforms.log(constrained, true);
    INDArray centre = log.mean(true, log.rank() - 1);
    return log.subi(centre.broadcast(log.shape()));
  }

  @Override
  public boolean check(INDArray value) {
    if (value.rank() == 0 || value.length() == 0) {
      return false;
    }
    if (Ops.hasNonFinite(value) || value.minNumber().doubleValue() < 0) {
      return false;
    }
    double tolerance = value.dataType() == DataType.DOUBLE ? 1e-6 : 1e-4;
    INDArray error = Transforms.abs(value.sum(false, value.rank() - 1).subi(1.0), false);
    return error.maxNumber().doubleValue() <= tolerance;
  }

  @Override
  public String describe() {
    return "simplex (softmax)";
  }
}
