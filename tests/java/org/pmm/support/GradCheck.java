package org.pmm.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.Tensor;

/**
 * Compares reverse-mode gradients with central finite differences in double precision. The
 * function's output is contracted with fixed random weights, so the upstream gradient is not
 * uniform (a uniform one hides transposition and broadcasting mistakes).
 */
public final class GradCheck {
  private GradCheck() {}

  public static void check(String what, Function<Tensor[], Tensor> f, INDArray... inputs) {
    check(what, 1e-6, 1e-5, f, inputs);
  }

  public static void check(String what, double h, double tolerance,
      Function<Tensor[], Tensor> f, INDArray... inputs) {
    Nd4j.getRandom().setSeed(1234);
    Tensor[] params = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      params[i] = Tensor.parameter(inputs[i].castTo(DataType.DOUBLE).dup());
    }
    Tensor probe = f.apply(params);
    INDArray weights = Nd4j.rand(DataType.DOUBLE, probe.shape()).addi(0.5);
    Function<Tensor[], Tensor> scalar = p -> {
      Tensor out = f.apply(p);
      return out.mul(Tensor.constant(weights)).sum();
    };
    scalar.apply(params).backward();
    for (int i = 0; i < params.length; i++) {
      INDArray analytic = params[i].grad();
      INDArray x = params[i].value();
      for (long j = 0; j < x.length(); j++) {
        double orig = x.getDouble(j);
        x.putScalar(j, orig + h);
        double plus = scalar.apply(constants(params)).item();
        x.putScalar(j, orig - h);
        double minus = scalar.apply(constants(params)).item();
        x.putScalar(j, orig);
        double numeric = (plus - minus) / (2 * h);
        double got = analytic == null ? 0.0 : analytic.getDouble(j);
        double err = Math.abs(got - numeric) / Math.max(1.0, Math.abs(numeric));
        int input = i;
        long element = j;
        assertTrue(err < tolerance, () -> what + ": input " + input + " element " + element
            + ": analytic " + got + " vs numeric " + numeric);
      }
    }
  }

  private static Tensor[] constants(Tensor[] params) {
    Tensor[] c = new Tensor[params.length];
    for (int i = 0; i < params.length; i++) {
      c[i] = Tensor.constant(params[i].value());
    }
    return c;
  }

  /** A double matrix with entries uniform in [lo, hi), from a fixed seed. */
  public static INDArray uniform(long seed, double lo, double hi, long... shape) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.rand(DataType.DOUBLE, shape).muli(hi - lo).addi(lo);
  }
}
