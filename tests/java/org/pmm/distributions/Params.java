package org.pmm.distributions;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.Tensor;

/** Short constructors of double-precision parameter tensors for distribution tests. */
public final class Params {
  private Params() {}

  /** A rank-0 double constant. */
  public static Tensor s(double v) {
    return Tensor.constant(Nd4j.scalar(DataType.DOUBLE, v));
  }

  /** A rank-1 double constant. */
  public static Tensor v(double... values) {
    return Tensor.constant(Nd4j.createFromArray(values));
  }

  /** A rank-2 double constant. */
  public static Tensor m(double[][] values) {
    return Tensor.constant(Nd4j.createFromArray(values));
  }

  /** A double constant of the given shape filled with {@code value}. */
  public static Tensor full(double value, long... shape) {
    return Tensor.constant(Nd4j.valueArrayOf(shape, value, DataType.DOUBLE));
  }
}
