package org.pmm.distributions.constraints;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.Tensor;

/**
 * A set of allowed parameter values together with a smooth map onto it from unconstrained
 * space. The parameter store keeps the unconstrained array, optimisers step it freely, and
 * models see {@code transform(unconstrained)}, which always satisfies the constraint.
 *
 * <pre>{@code
 * Constraint positive = Constraints.positive();
 * Tensor raw = Tensor.parameter(positive.inverse(Nd4j.valueArrayOf(new long[] {3}, 0.01)));
 * Tensor scale = positive.transform(raw);          // softplus(raw), differentiable
 * }</pre>
 */
public interface Constraint {

  /** The constrained value of an unconstrained tensor (differentiable). */
  Tensor transform(Tensor unconstrained);

  /** An unconstrained array whose transform is {@code constrained} (a new array). */
  INDArray inverse(INDArray constrained);

  /** True if every element of {@code value} satisfies the constraint. */
  boolean check(INDArray value);

  /** A short description for messages, e.g. "positive (softplus)". */
  String describe();
}
