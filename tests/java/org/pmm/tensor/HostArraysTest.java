package org.pmm.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class HostArraysTest {
  /** Element (i, j) read one at a time: the independent reference. */
  private static void assertSameValues(INDArray expected, float[][] actual) {
    assertEquals(expected.size(0), actual.length);
    for (int i = 0; i < actual.length; i++) {
      assertEquals(expected.size(1), actual[i].length);
      for (int j = 0; j < actual[i].length; j++) {
        assertEquals(expected.getFloat(i, j), actual[i][j], "(" + i + ", " + j + ")");
      }
    }
  }

  private static INDArray counting(DataType type, char order, int rows, int columns) {
    return Nd4j.linspace(1, rows * columns, rows * columns, type).reshape(order, rows, columns);
  }

  @Test
  void rowsOfDenseFortranOrderedDoubleAndViewMatricesMatchElementReads() {
    INDArray dense = counting(DataType.FLOAT, 'c', 5, 7);
    assertSameValues(dense, HostArrays.rows(dense));
    INDArray fortran = counting(DataType.FLOAT, 'f', 5, 7);
    assertSameValues(fortran, HostArrays.rows(fortran));
    INDArray doubles = counting(DataType.DOUBLE, 'c', 4, 3).divi(7);
    assertSameValues(doubles, HostArrays.rows(doubles));
    INDArray view = counting(DataType.FLOAT, 'c', 9, 8)
        .get(NDArrayIndex.interval(2, 6), NDArrayIndex.interval(1, 4));
    assertSameValues(view, HostArrays.rows(view));
    INDArray transposed = counting(DataType.FLOAT, 'c', 3, 6).transpose();
    assertSameValues(transposed, HostArrays.rows(transposed));
  }

  @Test
  void matrixIsRowMajorFloatsAndRoundTrips() {
    float[][] rows = {{1.5f, -2f, 3f}, {0f, Float.MIN_VALUE, 1e30f}};
    INDArray m = HostArrays.matrix(rows);
    assertEquals(DataType.FLOAT, m.dataType());
    assertArrayEquals(new long[] {2, 3}, m.shape());
    assertSameValues(m, rows);
    assertArrayEquals(rows, HostArrays.rows(m));
  }

  @Test
  void raggedRowsAndNonMatricesAreRefusedWithWhatIsWrong() {
    ShapeException ragged = assertThrows(ShapeException.class,
        () -> HostArrays.matrix(new float[][] {{1, 2}, {3}}));
    assertEquals("matrix: row 1 has 1 values, row 0 has 2", ragged.getMessage());
    assertThrows(ShapeException.class, () -> HostArrays.rows(Nd4j.zeros(DataType.FLOAT, 2, 2, 2)));
  }
}
