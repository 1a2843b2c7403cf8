package org.pmm.distributions.constraints;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.Tensor;

/**
 * A set of allowed values and a differentiable bijection onto it from unconstrained reals, so
 * that parameters are stored and optimised unconstrained.
 */
public interface Constraint {
  /** Maps an unconstrained tensor into the set (differentiable). */
  Tensor transform(Tensor unconstrained);

  /** Maps a value of the set back to unconstrained space. */
  INDArray inverse(INDArray constrained);

  /** True if every element of {@code value} lies in the set. */
  boolean check(INDArray value);

  /** A short description, e.g. "positive (softplus)". */
  String describe();
}
