package org.pmm.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Minimal reproductions of ND4J 1.0.0-M2.1 behaviour that differs from what one would expect,
 * and that pmm works around in one place. If one of these starts failing after an upgrade, the
 * workaround named in its comment can go.
 */
class Nd4jBehaviourTest {

  /** Worked around in Tensor.shape, which hands out a copy. */
  @Test
  void shapeReturnsTheArraysOwnShapeRecord() {
    INDArray a = Nd4j.zeros(DataType.DOUBLE, 5);
    a.shape()[0] = 3;
    // the Java shape now says 3 while the native shape record still says 5
    assertEquals(3, a.shape()[0], "ND4J's shape() returns a copy now");
    Tensor t = Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 5));
    t.shape()[0] = 3;
    assertEquals(5, t.shape()[0]);
  }

  /** Worked around in UnaryOps.stableSoftplus. */
  @Test
  void softplusOverflowsForLargeInputs() {
    INDArray y = Transforms.softPlus(Nd4j.scalar(DataType.FLOAT, 100f), true);
    assertTrue(Float.isInfinite(y.getFloat(0)), "ND4J softplus(100) is finite now: " + y);
    Tensor ours = Tensor.constant(Nd4j.scalar(DataType.FLOAT, 100f)).softplus();
    assertEquals(100f, ours.value().getFloat(0), 1e-4);
  }

  /** Worked around in UnaryOps.stableSoftplus: 1 + exp(x) rounds to 1 for x below about −17. */
  @Test
  void softplusUnderflowsToZeroForVeryNegativeInputs() {
    INDArray y = Transforms.softPlus(Nd4j.scalar(DataType.FLOAT, -60f), true);
    assertEquals(0f, y.getFloat(0), "ND4J softplus(-60) is no longer 0: " + y);
    Tensor ours = Tensor.constant(Nd4j.scalar(DataType.FLOAT, -60f)).softplus();
    assertEquals(Math.exp(-60), ours.value().getFloat(0), 1e-6 * Math.exp(-60));
  }

  /** assign() does not broadcast a row over a matrix; pmm uses broadcast()/addi instead. */
  @Test
  void assignDoesNotBroadcastRows() {
    INDArray row = Nd4j.createFromArray(new double[][] {{1, 2, 3}});
    INDArray target = Nd4j.zeros(DataType.DOUBLE, 2, 3);
    target.assign(row);
    assertEquals(0.0, target.getDouble(1, 0), "assign now broadcasts: " + target);
    assertEquals(2.0, row.broadcast(2, 3).getDouble(1, 1));
  }
}
