package org.pmm.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.Tensor;

/** Sums over the rows of a matrix, in Java (floats) and by GEMV (doubles), against double sums. */
class ColumnSumsTest {
  private static double[] doubleSums(INDArray x, double scale) {
    double[][] rows = x.toDoubleMatrix();
    double[] s = new double[rows[0].length];
    for (double[] row : rows) {
      for (int j = 0; j < s.length; j++) {
        s[j] += row[j];
      }
    }
    for (int j = 0; j < s.length; j++) {
      s[j] *= scale;
    }
    return s;
  }

  @Test
  void floatSumsAgreeWithDoubleSumsForEveryWidth() {
    // 23 columns: one core and no whole vector for some; 1000 and 4100: split, with tails
    for (int cols : new int[] {1, 23, 1000, 4100}) {
      Nd4j.getRandom().setSeed(cols);
      INDArray x = Nd4j.randn(DataType.FLOAT, 300, cols).addi(0.5);
      for (double scale : new double[] {1.0, 1.0 / 300}) {
        INDArray s = ColumnSums.of(x, scale, true);
        assertArrayEquals(new long[] {1, cols}, s.shape());
        double[] expected = doubleSums(x, scale);
        double[] actual = s.toDoubleVector();
        for (int j = 0; j < cols; j++) {
          // 300 float additions: well inside 1e-4 of the sum of magnitudes (about 250 here)
          assertEquals(expected[j], actual[j], 1e-4 * 300 * scale, cols + " columns, column " + j);
        }
      }
    }
  }

  @Test
  void withoutKeptDimensionsTheSumsAreAVector() {
    INDArray x = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}});
    INDArray s = ColumnSums.of(x, 1.0, false);
    assertEquals(Nd4j.createFromArray(5f, 7f, 9f), s);
  }

  /** Sums into a buffer: the bits of new sums assigned there, or added to what it holds. */
  @Test
  void intoWritesOrAddsTheSumsOfOf() {
    for (int cols : new int[] {23, 4100}) {
      Nd4j.getRandom().setSeed(cols + 1);
      INDArray x = Nd4j.randn(DataType.FLOAT, 300, cols);
      INDArray held = Nd4j.randn(DataType.FLOAT, cols);
      INDArray sums = ColumnSums.of(x, 1.0, false);
      INDArray written = Nd4j.randn(DataType.FLOAT, cols);   // overwritten, whatever it held
      ColumnSums.into(x, written, false);
      assertArrayEquals(sums.toFloatVector(), written.toFloatVector(), 0f);
      INDArray added = held.dup();
      ColumnSums.into(x, added, true);
      assertArrayEquals(held.add(sums).toFloatVector(), added.toFloatVector(), 0f);
    }
  }

  /**
   * A bias's gradient ([n] or [1, n]) is the column sums of what reaches it, written into its
   * reused buffer on the first contribution of a step and added on the next.
   */
  @Test
  void aBiasGradientSumsTheRowsIntoItsBuffer() {
    for (long[] shape : new long[][] {{37}, {1, 37}}) {
      Nd4j.getRandom().setSeed(3);
      Tensor b = Tensor.parameter(Nd4j.randn(DataType.FLOAT, shape));
      INDArray g1 = Nd4j.randn(DataType.FLOAT, 64, 37);
      INDArray g2 = Nd4j.randn(DataType.FLOAT, 64, 37);
      for (int step = 0; step < 2; step++) {
        Tensor x1 = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 64, 37));
        Tensor x2 = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 64, 37));
        x1.add(b).mul(Tensor.constant(g1)).sum().add(x2.add(b).mul(Tensor.constant(g2)).sum())
            .backward();
        assertArrayEquals(shape, b.grad().shape());
        double[] one = doubleSums(g1, 1.0);
        double[] two = doubleSums(g2, 1.0);
        double[] actual = b.grad().toDoubleVector();
        for (int j = 0; j < 37; j++) {
          assertEquals(one[j] + two[j], actual[j], 1e-4 * 128, "step " + step + ", column " + j);
        }
        b.zeroGrad();   // the next step writes over the same buffer
      }
    }
  }

  @Test
  void doublesAreSummedByTheGemv() {
    Nd4j.getRandom().setSeed(5);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 50, 40);
    assertArrayEquals(doubleSums(x, 0.25), ColumnSums.of(x, 0.25).toDoubleVector(), 1e-12);
  }

  @Test
  void aViewIsSummedByTheReduction() {
    INDArray x = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
    INDArray view = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2),
        org.nd4j.linalg.indexing.NDArrayIndex.all());
    assertEquals(Nd4j.createFromArray(new float[][] {{5, 7, 9}}), ColumnSums.sumRows(view));
  }
}
