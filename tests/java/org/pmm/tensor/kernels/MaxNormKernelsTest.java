package org.pmm.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.Ops;

/** The max-norm kernel against the ND4J composition it replaces, and the constraint itself. */
class MaxNormKernelsTest {
  private static final double MAX = 1.5;

  /** Columns of random lengths around the limit; column 3 all zeros. */
  private static INDArray weights(int rows, int cols, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray w = Nd4j.randn(DataType.FLOAT, rows, cols);
    INDArray lengths = Nd4j.rand(DataType.FLOAT, 1, cols).muli(2 * MAX);
    INDArray norms = w.norm2(true, 0);
    w.muliRowVector(lengths.divi(norms));
    w.getColumn(3).assign(0);
    return w;
  }

  @Test
  void agreesWithTheComposition() {
    for (int[] shape : new int[][] {{7, 5}, {64, 200}, {300, 1000}, {1024, 1030}}) {
      INDArray w = weights(shape[0], shape[1], shape[1]);
      INDArray reference = w.dup();
      assertTrue(MaxNormKernels.applies(w));
      MaxNormKernels.project(w, MAX);
      MaxNormKernels.composed(reference, MAX);
      double worst = Nd4j.getExecutioner().exec(
          new org.nd4j.linalg.api.ops.impl.reduce.same.AMax(w.sub(reference))).getDouble(0);
      assertTrue(worst < 1e-6, "largest difference " + worst + " at " + shape[0] + "x" + shape[1]);
    }
  }

  @Test
  void longColumnsReachTheLimitAndShortOnesStayAsTheyWere() {
    INDArray w = weights(300, 1000, 7);
    INDArray before = w.dup();
    INDArray normsBefore = before.norm2(true, 0);
    MaxNormKernels.project(w, MAX);
    INDArray normsAfter = w.norm2(true, 0);
    int shortened = 0;
    for (int j = 0; j < 1000; j++) {
      if (normsBefore.getDouble(0, j) > MAX) {
        assertEquals(MAX, normsAfter.getDouble(0, j), 1e-5);
        shortened++;
      } else {
        assertTrue(w.getColumn(j).equals(before.getColumn(j)), "column " + j + " changed");
      }
    }
    assertTrue(shortened > 300 && shortened < 700, shortened + " columns shortened");
    assertEquals(0.0, w.getColumn(3).norm2Number().doubleValue());
  }
}
