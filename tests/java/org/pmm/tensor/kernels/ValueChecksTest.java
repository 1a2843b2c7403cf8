package org.pmm.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.pmm.tensor.Ops;

/** The bit-pattern checks agree with element-by-element tests on every kind of float. */
class ValueChecksTest {
  private static final float[] SPECIALS = {Float.NaN, Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE,
      -Float.MAX_VALUE, -1f, 1f, Float.intBitsToFloat(0xffc00001)};

  private static boolean finite(float[] v) {
    for (float x : v) {
      if (!Float.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  private static boolean positive(float[] v) {
    for (float x : v) {
      if (!(x > 0) || !Float.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  @Test
  void oneSpecialValueInAnyCoresRangeIsFoundOrNot() {
    // split among the threads (the tests split from 2^15 elements on), with a tail
    int length = 2 * (int) KernelThreads.Work.STREAMING.minParallel() + 17;
    int half = length / 2;
    for (float special : SPECIALS) {
      for (int at : new int[] {0, half - 1, half + 5, length - 1}) {
        float[] v = new float[length];
        java.util.Arrays.fill(v, 0.5f);
        v[at] = special;
        INDArray a = Nd4j.createFromArray(v);
        String what = special + " at " + at;
        assertEquals(!finite(v), Ops.hasNonFinite(a), what);
        assertEquals(positive(v), Ops.allPositiveFinite(a), what);
      }
    }
  }

  @Test
  void largeFiniteValuesAreNotMistakenForAnOverflow() {
    INDArray big = Nd4j.valueArrayOf(new long[] {4, 1000}, Float.MAX_VALUE, DataType.FLOAT);
    assertFalse(Ops.hasNonFinite(big));
    assertTrue(Ops.allPositiveFinite(big));
  }

  @Test
  void viewsAndDoublesUseTheNd4jPathWithTheSameAnswers() {
    INDArray grid = Nd4j.ones(DataType.FLOAT, 6, 8);
    grid.putScalar(3, 5, Float.NaN);
    INDArray clean = grid.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all());
    INDArray dirty = grid.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());
    assertFalse(Ops.hasNonFinite(clean));
    assertTrue(Ops.allPositiveFinite(clean));
    assertTrue(Ops.hasNonFinite(dirty));
    assertFalse(Ops.allPositiveFinite(dirty));
    INDArray doubles = Nd4j.createFromArray(1.0, 2.0, -0.0);
    assertFalse(Ops.hasNonFinite(doubles));
    assertFalse(Ops.allPositiveFinite(doubles));
    assertFalse(Ops.hasNonFinite(Nd4j.create(DataType.FLOAT, 0)));
  }
}
