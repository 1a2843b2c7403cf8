package org.pmm.distributions;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.Tensor;

/**
 * Parameters written as plain numbers ({@code new Gamma(2, 3)}, as Pyro users write
 * {@code Gamma(2., 3.)}) made into constant tensors of type double: a number becomes a scalar
 * (rank 0, so it broadcasts against any batch shape), an array a vector. Like every constant of
 * a step, they are released with the innermost open {@link org.pmm.tensor.StepScope}.
 *
 * <pre>{@code
 * Tensor rate = PlainNumbers.scalar(3.0);               // shape [], DOUBLE
 * Tensor alpha = PlainNumbers.vector(1.0, 2.0, 3.0);    // shape [3], DOUBLE
 * }</pre>
 */
final class PlainNumbers {
  private PlainNumbers() {}

  static Tensor scalar(double value) {
    return Tensor.scalar(value, DataType.DOUBLE);
  }

  static Tensor vector(double... values) {
    // a copy: a caller changing its array later must not change the distribution
    return Tensor.stepConstant(Nd4j.createFromArray(values.clone()));
  }
}
