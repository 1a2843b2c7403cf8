package org.pmm.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Maxout's kernels, vectorised (gathers and scatters with a stride) against scalar, bit for bit,
 * and against the definition: the maximum of each unit's pieces, and each piece's gradient the
 * unit's where it ties with the maximum, a zero of the gradient's sign elsewhere. Values on a
 * coarse grid make ties common; -0, +0 and NaN pieces are included.
 */
class MaxoutMathTest {
  private static final MaxoutMath VECTOR = MaxoutMath.Vectorised.create();
  private static final MaxoutMath SCALAR = new MaxoutMath.Scalar();

  @ParameterizedTest(name = "{0} pieces")
  @ValueSource(ints = {1, 2, 3, 5, 7})
  void bothFormsGiveTheDefinitionsBits(int p) {
    int units = 16 * 5 + 11;   // whole vectors and a tail
    SplittableRandom r = new SplittableRandom(p);
    float[] row = new float[units * p];
    for (int i = 0; i < row.length; i++) {
      row[i] = Math.round(r.nextGaussian() * 2);
    }
    row[3] = -0f;
    row[4 % row.length] = 0f;
    row[row.length - 2] = Float.NaN;
    float[] d = new float[units];
    for (int u = 0; u < units; u++) {
      d[u] = (float) r.nextGaussian();
    }
    d[0] = -d[0];
    float[] expected = new float[units];
    for (int u = 0; u < units; u++) {
      float m = row[u * p];
      for (int j = 1; j < p; j++) {
        m = Math.max(m, row[u * p + j]);
      }
      expected[u] = m;
    }
    float[] expectedGrad = new float[row.length];
    for (int k = 0; k < row.length; k++) {
      float m = expected[k / p];
      boolean tie = Float.floatToRawIntBits(row[k] - m) << 1 == 0;
      expectedGrad[k] = tie ? d[k / p] : Math.copySign(0f, d[k / p]);
    }
    for (MaxoutMath math : new MaxoutMath[] {VECTOR, SCALAR}) {
      float[] max = new float[units];
      math.maxima(row, max, p);
      float[] grad = row.clone();
      math.route(grad, max, d, p);
      for (int u = 0; u < units; u++) {
        assertEquals(Float.floatToRawIntBits(expected[u]), Float.floatToRawIntBits(max[u]),
            math.describe() + " unit " + u);
      }
      for (int k = 0; k < row.length; k++) {
        assertEquals(Float.floatToRawIntBits(expectedGrad[k]), Float.floatToRawIntBits(grad[k]),
            math.describe() + " piece " + k);
      }
    }
  }
}
