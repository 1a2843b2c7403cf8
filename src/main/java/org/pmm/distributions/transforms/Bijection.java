package org.pmm.distributions.transforms;

import org.pmm.tensor.Tensor;

/**
 * A smooth invertible map y = f(u) from unconstrained space onto a constrained set, with the
 * log-absolute-determinant of its Jacobian, so that a density on u can be carried onto y:
 * log q(y) = log q_u(f⁻¹(y)) − log|det ∂f/∂u|. Element-wise maps have {@link #eventRank()} 0;
 * a map that couples the last dimension (stick-breaking onto the simplex) has event rank 1 and
 * may change that dimension's size.
 *
 * <pre>{@code
 * Bijection f = Bijections.exp();
 * Tensor y = f.forward(u);                       // exp(u)
 * Tensor ladj = f.logAbsDetJacobian(u, y);       // u, element by element
 * }</pre>
 */
public interface Bijection {

  /** y = f(u), differentiable. */
  Tensor forward(Tensor u);

  /** u = f⁻¹(y), differentiable. */
  Tensor inverse(Tensor y);

  /**
   * log|det ∂f/∂u| at u (with y = f(u) given to save recomputation): the shape of u for an
   * element-wise map, u's shape without its last dimension for event rank 1.
   */
  Tensor logAbsDetJacobian(Tensor u, Tensor y);

  /** 0 for an element-wise map, 1 when the map couples the last dimension. */
  int eventRank();

  /** The shape of u for a y of shape {@code constrained}. */
  default long[] unconstrainedShape(long[] constrained) {
    return constrained.clone();
  }

  /** A short name for messages, e.g. "exp". */
  String describe();
}
