package org.pmm.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The sums of {@link SumMath} against exact sums (BigDecimal) and the logarithm taken element by
 * element, and the vectorised implementation against the scalar one bit for bit, over lengths
 * with every kind of tail and blocks holding zeros, subnormals, infinities and NaN.
 */
class SumMathTest {
  private static final SumMath VECTOR = SumMath.Vectorised.create();
  private static final SumMath SCALAR = new SumMath.Scalar();
  private static final int[] LENGTHS = {0, 1, 15, 16, 17, 511, 512, 513, 1029, 8192};

  private static float[] values(int n, long seed, double lo, double hi) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (lo + (hi - lo) * r.nextDouble());
    }
    return x;
  }

  private static void assertSameBits(double expected, double actual, String what) {
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
        what + ": scalar " + expected + ", vector " + actual);
  }

  @Test
  void distancesAndSquaresAreExactSumsToDoublePrecision() {
    for (int n : LENGTHS) {
      float[] x = values(n, n, -3, 3);
      BigDecimal distances = BigDecimal.ZERO;
      BigDecimal squares = BigDecimal.ZERO;
      for (float v : x) {
        distances = distances.add(new BigDecimal(Math.abs(v - 0.25f)));
        squares = squares.add(new BigDecimal(v).multiply(new BigDecimal(v)));
      }
      for (SumMath m : new SumMath[] {VECTOR, SCALAR}) {
        assertEquals(distances.doubleValue(), m.sumOfDistances(direct(x), 0, n, 0.25f),
            1e-13 * (1 + distances.doubleValue()), m.describe() + " n = " + n);
        assertEquals(squares.doubleValue(), m.sumOfSquares(direct(x), 0, n),
            1e-13 * (1 + squares.doubleValue()), m.describe() + " n = " + n);
      }
      assertSameBits(SCALAR.sumOfDistances(direct(x), 0, n, 0.25f),
          VECTOR.sumOfDistances(direct(x), 0, n, 0.25f),
          "distances n = " + n);
      assertSameBits(SCALAR.sumOfSquares(direct(x), 0, n),
          VECTOR.sumOfSquares(direct(x), 0, n), "squares n = " + n);
    }
  }

  @Test
  void logsAreTheSumOfElementwiseLogarithms() {
    for (int n : LENGTHS) {
      float[] x = values(n, 100 + n, 1e-3, 5);
      BigDecimal logs = BigDecimal.ZERO;
      for (float v : x) {
        logs = logs.add(new BigDecimal(Math.log(v)), MathContext.DECIMAL128);
      }
      for (SumMath m : new SumMath[] {VECTOR, SCALAR}) {
        assertEquals(logs.doubleValue(), m.sumOfLogs(direct(x), 0, n), 1e-11 * (1 + n),
            m.describe() + " n = " + n);
      }
      assertSameBits(SCALAR.sumOfLogs(direct(x), 0, n),
          VECTOR.sumOfLogs(direct(x), 0, n), "logs n = " + n);
    }
  }

  @Test
  void specialValuesTakeTheirOwnLogarithm() {
    float[] specials = {Float.MIN_VALUE, 1e-40f, Float.POSITIVE_INFINITY, Float.NaN, 0f};
    double[] expected = {Math.log(Float.MIN_VALUE), Math.log(1e-40f), Double.POSITIVE_INFINITY,
        Double.NaN, Double.NEGATIVE_INFINITY};
    for (int k = 0; k < specials.length; k++) {
      for (int at : new int[] {0, 7, 517, 1028}) {
        float[] x = values(1029, at, 0.5, 2);
        double rest = 0;
        for (int i = 0; i < x.length; i++) {
          rest += i == at ? 0 : Math.log(x[i]);
        }
        x[at] = specials[k];
        double vector = VECTOR.sumOfLogs(direct(x), 0, x.length);
        assertSameBits(SCALAR.sumOfLogs(direct(x), 0, x.length), vector, specials[k] + " at " + at);
        if (Double.isFinite(expected[k])) {
          assertEquals(rest + expected[k], vector, 1e-9 * x.length, specials[k] + " at " + at);
        } else {
          assertEquals(expected[k], vector, specials[k] + " at " + at);
        }
      }
    }
  }

  /** A range that starts further in sums as the same elements at the start of an array. */
  @Test
  void aRangeSumsAsItsElementsAlone() {
    float[] x = values(2000, 6, 0.1, 3);
    float[] tail = java.util.Arrays.copyOfRange(x, 528, 2000);
    for (SumMath m : new SumMath[] {VECTOR, SCALAR}) {
      assertSameBits(m.sumOfDistances(direct(tail), 0, tail.length, 1f),
          m.sumOfDistances(direct(x), 528, 2000, 1f), m.describe() + " distances");
      assertSameBits(m.sumOfSquares(direct(tail), 0, tail.length),
          m.sumOfSquares(direct(x), 528, 2000), m.describe() + " squares");
      assertSameBits(m.sumOfLogs(direct(tail), 0, tail.length),
          m.sumOfLogs(direct(x), 528, 2000), m.describe() + " logs");
    }
  }

  private static ByteBuffer direct(float[] values) {
    return VectorApi.direct(values);
  }

  @Test
  void wholeArraySquaresMatchNd4jsSquaredNorm() {
    INDArray x = Nd4j.rand(DataType.FLOAT, 301, 97).subi(0.5);
    double nd4j = Nd4j.getExecutioner().exec(new SquaredNorm(x)).getDouble(0);
    double ours = SumMath.sumOfSquares(x);
    assertTrue(Math.abs(ours - nd4j) <= 1e-5 * nd4j, "ours " + ours + ", ND4J " + nd4j);
  }
}
