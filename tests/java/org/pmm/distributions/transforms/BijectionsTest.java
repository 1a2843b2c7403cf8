package org.pmm.distributions.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.Tensor;

/**
 * Each bijection against its definition: the inverse undoes the forward map, and the
 * log-determinant of the Jacobian equals the one computed from a finite-difference Jacobian.
 */
class BijectionsTest {
  private static final double H = 1e-6;

  private static double[] forward(Bijection f, double[] u) {
    return f.forward(Tensor.constant(Nd4j.createFromArray(u))).value().toDoubleVector();
  }

  /** log|det J| from central differences; for a map onto K elements from K − 1, drop the last output. */
  private static double numericLogDet(Bijection f, double[] u) {
    int n = u.length;
    double[][] j = new double[n][n];
    for (int c = 0; c < n; c++) {
      double[] up = u.clone();
      double[] down = u.clone();
      up[c] += H;
      down[c] -= H;
      double[] yUp = forward(f, up);
      double[] yDown = forward(f, down);
      for (int r = 0; r < n; r++) {
        j[r][c] = (yUp[r] - yDown[r]) / (2 * H);
      }
    }
    return Math.log(Math.abs(new org.apache.commons.math3.linear.LUDecomposition(
        new org.apache.commons.math3.linear.Array2DRowRealMatrix(j)).getDeterminant()));
  }

  private static void checkBijection(Bijection f, double[] u) {
    Tensor ut = Tensor.constant(Nd4j.createFromArray(u));
    Tensor y = f.forward(ut);
    assertArrayEquals(u, f.inverse(y).value().toDoubleVector(), 1e-8, f.describe() + " inverse");
    double ladj = f.logAbsDetJacobian(ut, y).sum().item();
    assertEquals(numericLogDet(f, u), ladj, 1e-6, f.describe() + " log|det J|");
  }

  @Test
  void elementwiseMapsInvertAndHaveTheirJacobians() {
    double[] u = {-2.0, -0.3, 0.0, 1.7};
    checkBijection(Bijections.identity(), u);
    checkBijection(Bijections.exp(), u);
    checkBijection(Bijections.sigmoid(), u);
  }

  @Test
  void stickBreakingInvertsAndHasItsJacobian() {
    checkBijection(Bijections.stickBreaking(), new double[] {0.4, -1.1, 2.0});
    checkBijection(Bijections.stickBreaking(), new double[] {-0.7});
  }

  @Test
  void stickBreakingMapsZeroToTheUniformPointAndAnyPointOntoTheSimplex() {
    assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25},
        forward(Bijections.stickBreaking(), new double[3]), 1e-12);
    double[] y = forward(Bijections.stickBreaking(), new double[] {3.0, -4.0, 0.5});
    double sum = 0;
    for (double v : y) {
      sum += v;
      assertEquals(true, v > 0, "element " + v);
    }
    assertEquals(1.0, sum, 1e-12);
  }

  @Test
  void stickBreakingWorksRowByRowOnAMatrix() {
    INDArray u = Nd4j.createFromArray(new double[][] {{0.4, -1.1}, {2.0, 0.3}});
    Function<double[], double[]> row = r -> forward(Bijections.stickBreaking(), r);
    INDArray y = Bijections.stickBreaking().forward(Tensor.constant(u)).value();
    assertArrayEquals(new long[] {2, 3}, y.shape());
    assertArrayEquals(row.apply(new double[] {0.4, -1.1}), y.getRow(0).toDoubleVector(), 1e-12);
    assertArrayEquals(row.apply(new double[] {2.0, 0.3}), y.getRow(1).toDoubleVector(), 1e-12);
    assertEquals(DataType.DOUBLE, y.dataType());
  }
}
