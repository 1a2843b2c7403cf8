package org.pmm.distributions.constraints;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pmm.tensor.Tensor;

/** Factories of the constraints parameters can have. */
public final class Constraints {
  private Constraints() {}

  /** All reals: the identity. */
  public static Constraint real() {
    return new Constraint() {
      @Override
      public Tensor transform(Tensor u) {
        return u;
      }

      @Override
      public INDArray inverse(INDArray c) {
        return c.dup();
      }

      @Override
      public boolean check(INDArray v) {
        return Double.isFinite(v.sumNumber().doubleValue());
      }

      @Override
      public String describe() {
        return "real";
      }
    };
  }

  /** Positive reals through softplus: x = log(1 + e^u). */
  public static Constraint positive() {
    return new Constraint() {
      @Override
      public Tensor transform(Tensor u) {
        return u.softplus();
      }

      @Override
      public INDArray inverse(INDArray c) {
        // u = log(e^x - 1) = x + log(1 - e^-x), stable for large x
        INDArray t = Transforms.exp(c.neg(), false).rsubi(1.0);
        return Transforms.log(t, false).addi(c);
      }

      @Override
      public boolean check(INDArray v) {
        return v.minNumber().doubleValue() > 0;
      }

      @Override
      public String describe() {
        return "positive (softplus)";
      }
    };
  }
}
