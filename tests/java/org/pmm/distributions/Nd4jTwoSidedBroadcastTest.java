package org.pmm.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.Tensor;

/**
 * ND4J 1.0.0-M2.1 cannot broadcast both operands of one element-wise operation ([4, 1] by [3]
 * fails with "Output array did not match expected shape"), although NumPy rules allow it. The
 * engine works around it in one place (ArithmeticOps.operands expands the first operand);
 * distributions also broadcast parameters to the batch shape first. If the first test starts
 * failing, ND4J has learnt two-sided broadcasting and the workaround can go.
 */
class Nd4jTwoSidedBroadcastTest {

  @Test
  void twoSidedBroadcastFailsInNd4j() {
    Tensor column = Tensor.constant(Nd4j.ones(DataType.DOUBLE, 4, 1));
    Tensor row = Tensor.constant(Nd4j.ones(DataType.DOUBLE, 3));
    assertThrows(RuntimeException.class, () -> column.value().mul(row.value()));
    assertArrayEquals(new long[] {4, 3}, column.mul(row).shape());
  }

  @Test
  void distributionsBroadcastParametersFirst() {
    Tensor column = Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 4, 1));
    Tensor row = Tensor.constant(Nd4j.ones(DataType.DOUBLE, 3));
    Laplace d = new Laplace(column, row);
    assertArrayEquals(new long[] {4, 3}, d.logProb(row).shape());
    assertArrayEquals(new long[] {4, 3}, d.rsample(new org.pmm.tensor.RandomStream(1)).shape());
  }
}
