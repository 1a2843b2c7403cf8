package org.pmm.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.kernels.DenseFloats;

/**
 * The float fast path of tanh, sigmoid and softplus ({@link ElementWiseMath} forward, one-pass
 * gradients) against the same operations in double precision, which take ND4J's path and are
 * checked against finite differences by {@code GradientCheckTest}: values and the gradients of a
 * random downstream loss agree to float precision.
 */
class ElementWiseFastPathTest {
  private static UnaryOperator<Tensor> op(String name) {
    return switch (name) {
      case "tanh" -> Tensor::tanh;
      case "sigmoid" -> Tensor::sigmoid;
      default -> Tensor::softplus;
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"tanh", "sigmoid", "softplus"})
  void floatFastPathMatchesDoublePrecision(String name) {
    Nd4j.getRandom().setSeed(11);
    INDArray xd = Nd4j.randn(DataType.DOUBLE, 64, 300).muli(4);
    INDArray wd = Nd4j.randn(DataType.DOUBLE, 64, 300);
    INDArray xf = xd.castTo(DataType.FLOAT);
    xd = xf.castTo(DataType.DOUBLE); // the same inputs exactly
    assertTrue(DenseFloats.applies(xf));
    Tensor x32 = Tensor.parameter(xf);
    Tensor x64 = Tensor.parameter(xd);
    Tensor y32 = op(name).apply(x32);
    Tensor y64 = op(name).apply(x64);
    y32.mul(Tensor.constant(wd.castTo(DataType.FLOAT))).sum().backward();
    y64.mul(Tensor.constant(wd)).sum().backward();
    assertClose(y64.value(), y32.value(), name + " values");
    assertClose(x64.grad(), x32.grad(), name + " gradients");
  }

  private static void assertClose(INDArray expected, INDArray actual, String what) {
    INDArray diff = expected.sub(actual.castTo(DataType.DOUBLE));
    double scale = Math.max(1, expected.amaxNumber().doubleValue());
    double err = diff.amaxNumber().doubleValue();
    assertTrue(err <= 1e-6 * scale, what + ": largest difference " + err);
  }
}
