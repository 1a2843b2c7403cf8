package org.pmm.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;
import org.pmm.tensor.kernels.LaplaceMath;

/**
 * A prior's gradient (−up·sign(x − m)/b) and the guide's own-sample scale gradient (−up/scale)
 * are added straight into gradient buffers: with another contribution there first or not, the
 * gradients must be, bit for bit, the arrays {@link LaplaceMath} computes added to the other
 * contribution by ND4J.
 */
class LaplaceInPlaceGradientTest {
  private static final double UP = 0.37;

  @ParameterizedTest(name = "another contribution first: {0}")
  @ValueSource(booleans = {true, false})
  void priorGradientIsTheArrayAddedToTheOtherContribution(boolean otherFirst) {
    Nd4j.getRandom().setSeed(4);
    Tensor x = Tensor.parameter(Nd4j.rand(DataType.FLOAT, 123, 77).subi(0.5));
    INDArray k = Nd4j.rand(DataType.FLOAT, 123, 77);
    Tensor zero = Tensor.constant(Nd4j.scalar(DataType.FLOAT, 0f));
    Tensor two = Tensor.constant(Nd4j.scalar(DataType.FLOAT, 2f));
    try (StepScope step = StepScope.open()) {
      Tensor other = x.mul(Tensor.constant(k)).sum();
      Tensor prior = LaplaceOps.logDensitySum(x, zero, two).mul(UP);
      (otherFirst ? other.add(prior) : prior.add(other)).backward();
      INDArray dx = LaplaceMath.gradients(x.value(), zero.value(), two.value(), true, false,
          false, UP).dx();
      assertArrayEquals(k.add(dx).data().asFloat(), x.grad().data().asFloat());
    }
  }

  @ParameterizedTest(name = "another contribution first: {0}")
  @ValueSource(booleans = {true, false})
  void ownSampleScaleGradientIsTheArrayAddedToTheOtherContribution(boolean otherFirst) {
    Nd4j.getRandom().setSeed(5);
    Tensor scale = Tensor.parameter(Nd4j.rand(DataType.FLOAT, 64, 129).addi(0.01));
    INDArray eps = Nd4j.rand(DataType.FLOAT, 64, 129).subi(0.5);
    INDArray k = Nd4j.rand(DataType.FLOAT, 64, 129);
    try (StepScope step = StepScope.open()) {
      Tensor other = scale.mul(Tensor.constant(k)).sum();
      Tensor density = LaplaceOps.reparamLogDensitySum(Tensor.constant(eps), scale).mul(UP);
      (otherFirst ? other.add(density) : density.add(other)).backward();
      INDArray ds = LaplaceMath.reparamScaleGradient(scale.value(), UP);
      assertArrayEquals(k.add(ds).data().asFloat(), scale.grad().data().asFloat());
    }
  }
}
