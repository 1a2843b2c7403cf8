package org.pmm.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
