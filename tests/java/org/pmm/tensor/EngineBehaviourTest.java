package org.pmm.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Shape errors, modes, random streams, scopes and determinism of the engine. */
class EngineBehaviourTest {

  @Test
  void matmulShapeErrorNamesBothShapes() {
    Tensor a = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 4, 3));
    Tensor b = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 5, 2));
    ShapeException e = assertThrows(ShapeException.class, () -> a.matmul(b));
    assertEquals("matmul: [4, 3] @ [5, 2]: inner dimensions 3 and 5 differ", e.getMessage());
  }

  @Test
  void affineBiasErrorNamesTheShapes() {
    Tensor x = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 4, 3));
    Tensor w = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 3, 5));
    Tensor b = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 5));
    ShapeException e = assertThrows(ShapeException.class, () -> Ops.affine(x, w, b));
    assertEquals("affine: bias [2, 5] must be [5] or [1, 5] of FLOAT for [4, 3] @ [3, 5]",
        e.getMessage());
  }

  /**
   * The fused affine map gives the bits of the product plus the bias, forward and backward, on
   * float arrays of a layer's size (its backward hands one gradient to two GEMMs and a row sum).
   */
  @Test
  void affineIsMatmulPlusBiasBitForBit() {
    RandomStream r = new RandomStream(5);
    INDArray xv = r.normal(DataType.FLOAT, 64, 96);
    INDArray wv = r.normal(DataType.FLOAT, 96, 130);
    INDArray bv = r.normal(DataType.FLOAT, 1, 130);
    INDArray gv = r.normal(DataType.FLOAT, 64, 130);
    INDArray[][] results = new INDArray[2][];
    for (int k = 0; k < 2; k++) {
      Tensor x = Tensor.parameter(xv.dup());
      Tensor w = Tensor.parameter(wv.dup());
      Tensor b = Tensor.parameter(bv.dup());
      Tensor y = k == 0 ? Ops.affine(x, w, b) : x.matmul(w).add(b);
      y.mul(Tensor.constant(gv)).sum().backward();
      results[k] = new INDArray[] {y.value().dup(), x.grad().dup(), w.grad().dup(),
          b.grad().dup()};
    }
    String[] names = {"value", "x gradient", "w gradient", "b gradient"};
    for (int i = 0; i < names.length; i++) {
      assertArrayEquals(results[1][i].data().asFloat(), results[0][i].data().asFloat(),
          names[i]);
    }
  }

  /**
   * The affine map of a concatenation without building it agrees with concatenating first, on
   * float matrices of a layer's size, forward and backward, with the parts' gradients also
   * receiving another contribution (as the gated fusion's h_t and h_i do) and w's gradient
   * written block by block. The GEMMs sum in another order, hence a tolerance.
   */
  @Test
  void affineOfConcatIsAffineOfTheConcatenation() {
    RandomStream r = new RandomStream(7);
    INDArray av = r.normal(DataType.FLOAT, 64, 96);
    INDArray bv = r.normal(DataType.FLOAT, 64, 40);
    INDArray wv = r.normal(DataType.FLOAT, 136, 70);
    INDArray biasv = r.normal(DataType.FLOAT, 70);
    INDArray gv = r.normal(DataType.FLOAT, 64, 70);
    INDArray ov = r.normal(DataType.FLOAT, 64, 96);
    INDArray[][] results = new INDArray[2][];
    for (int k = 0; k < 2; k++) {
      Tensor a = Tensor.parameter(av.dup());
      Tensor b = Tensor.parameter(bv.dup());
      Tensor w = Tensor.parameter(wv.dup());
      Tensor bias = Tensor.parameter(biasv.dup());
      Tensor y = k == 0 ? Ops.affineOfConcat(new Tensor[] {a, b}, w, bias)
          : Ops.affine(Ops.concat(1, a, b), w, bias);
      y.mul(Tensor.constant(gv)).sum().add(a.mul(Tensor.constant(ov)).sum()).backward();
      results[k] = new INDArray[] {y.value().dup(), a.grad().dup(), b.grad().dup(),
          w.grad().dup(), bias.grad().dup()};
    }
    String[] names = {"value", "a gradient", "b gradient", "w gradient", "bias gradient"};
    for (int i = 0; i < names.length; i++) {
      float[] expected = results[1][i].data().asFloat();
      float[] actual = results[0][i].data().asFloat();
      for (int j = 0; j < expected.length; j++) {
        assertEquals(expected[j], actual[j], 1e-4 * (1 + Math.abs(expected[j])),
            names[i] + " at " + j);
      }
    }
  }

  @Test
  void affineOfConcatErrorsNameTheShapes() {
    Tensor a = Tensor.parameter(Nd4j.zeros(DataType.FLOAT, 4, 2));
    Tensor b = Tensor.parameter(Nd4j.zeros(DataType.FLOAT, 4, 3));
    Tensor w = Tensor.parameter(Nd4j.zeros(DataType.FLOAT, 6, 5));
    Tensor bias = Tensor.parameter(Nd4j.zeros(DataType.FLOAT, 5));
    ShapeException e = assertThrows(ShapeException.class,
        () -> Ops.affineOfConcat(new Tensor[] {a, b}, w, bias));
    assertEquals("affineOfConcat: [4, 2] ++ [4, 3] @ [6, 5]: the parts have 5 columns together",
        e.getMessage());
    Tensor shortPart = Tensor.parameter(Nd4j.zeros(DataType.FLOAT, 3, 4));
    e = assertThrows(ShapeException.class,
        () -> Ops.affineOfConcat(new Tensor[] {a, shortPart}, w, bias));
    assertEquals("affineOfConcat: part 1 [3, 4] of FLOAT must be a matrix of 4 rows of FLOAT",
        e.getMessage());
  }

  /**
   * A concatenation's backward pass on float matrices (one pass over rows into each part's
   * gradient): each part receives exactly its columns of the output gradient, added to what
   * it already has.
   */
  @Test
  void concatenationGradientIsEachPartsColumns() {
    RandomStream r = new RandomStream(6);
    Tensor a = Tensor.parameter(r.normal(DataType.FLOAT, 64, 96));
    Tensor b = Tensor.parameter(r.normal(DataType.FLOAT, 64, 33));
    INDArray weights = r.normal(DataType.FLOAT, 64, 129);
    INDArray other = r.normal(DataType.FLOAT, 64, 96);
    Ops.concat(1, a, b).mul(Tensor.constant(weights)).sum()
        .add(a.mul(Tensor.constant(other)).sum()).backward();
    float[] expectedA = weights.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 96)).dup()
        .addi(other).data().asFloat();
    float[] expectedB = weights.get(NDArrayIndex.all(), NDArrayIndex.interval(96, 129)).dup()
        .data().asFloat();
    assertArrayEquals(expectedA, a.grad().data().asFloat());
    assertArrayEquals(expectedB, b.grad().data().asFloat());
  }

  /**
   * Additions hand their gradient buffer to one input and copy it for the other: an input used
   * on both sides, or again later, still gets every contribution, and the other input's copy
   * is not changed by them.
   */
  @Test
  void additionsPassTheirGradientToEveryInput() {
    Tensor a = Tensor.parameter(Nd4j.ones(DataType.FLOAT, 3, 4));
    Tensor b = Tensor.parameter(Nd4j.ones(DataType.FLOAT, 3, 4));
    Tensor c = Tensor.constant(Nd4j.valueArrayOf(new long[] {3, 4}, 3f));
    for (int step = 0; step < 2; step++) {   // the second step reuses the leaves' buffers
      a.zeroGrad();
      b.zeroGrad();
      a.add(a).mul(c).add(a.add(b)).add(b.add(a)).sum().backward();
      assertArrayEquals(filled(12, 2 * 3 + 2), a.grad().data().asFloat(), "a, step " + step);
      assertArrayEquals(filled(12, 2), b.grad().data().asFloat(), "b, step " + step);
    }
  }

  private static float[] filled(int n, float v) {
    float[] f = new float[n];
    java.util.Arrays.fill(f, v);
    return f;
  }

  @Test
  void broadcastErrorNamesOperationAndShapes() {
    Tensor a = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 4, 3));
    Tensor b = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 3));
    ShapeException e = assertThrows(ShapeException.class, () -> a.add(b));
    assertEquals("add: shapes [4, 3] and [2, 3] cannot be broadcast together", e.getMessage());
  }

  @Test
  void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
    Tensor w = Tensor.parameter(Nd4j.createFromArray(new double[] {1, 2}));
    w.mul(3.0).sum().backward();
    w.mul(3.0).sum().backward();
    assertArrayEquals(new double[] {6, 6}, w.grad().toDoubleVector(), 0.0);
    w.zeroGrad();
    assertEquals(null, w.grad());
    w.square().sum().backward();
    assertArrayEquals(new double[] {2, 4}, w.grad().toDoubleVector(), 0.0);
  }

  @Test
  void matmulGradientAccumulatesIntoExistingGradient() {
    Tensor x = Tensor.constant(Nd4j.createFromArray(new double[][] {{1, 2}}));
    Tensor w = Tensor.parameter(Nd4j.createFromArray(new double[][] {{1}, {1}}));
    Tensor loss = x.matmul(w).sum().add(w.sum());
    loss.backward();
    // d/dw (x·w + Σw) = xᵀ + 1
    assertArrayEquals(new double[] {2, 3}, w.grad().toDoubleVector(), 0.0);
  }

  @Test
  void detachStopsGradient() {
    Tensor w = Tensor.parameter(Nd4j.createFromArray(new double[] {1, 2}));
    w.mul(w.detach()).sum().backward();
    assertArrayEquals(new double[] {1, 2}, w.grad().toDoubleVector(), 0.0);
  }

  @Test
  void dropoutKeepsExpectationAndIsIdentityInEvaluation() {
    Tensor x = Tensor.constant(Nd4j.ones(DataType.DOUBLE, 200, 100));
    Tensor train = Ops.dropout(x, 0.9, true, new RandomStream(3));
    double mean = train.value().meanNumber().doubleValue();
    // 20,000 Bernoulli(0.1) draws scaled by 10: mean 1, standard error 0.021
    assertEquals(1.0, mean, 0.1);
    double zeros = train.value().eq(0.0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    assertEquals(0.9, zeros, 0.01);
    assertTrue(Ops.dropout(x, 0.9, false, new RandomStream(3)) == x);
  }

  @Test
  void batchNormEvaluationUsesRunningStatistics() {
    BatchNormStats stats = new BatchNormStats(DataType.DOUBLE, 1, 1.0, 0.0);
    Tensor x = Tensor.constant(Nd4j.createFromArray(new double[][] {{1}, {3}}));
    Tensor train = Ops.batchNorm(x, null, null, stats, true);
    assertArrayEquals(new double[] {-1, 1}, train.value().toDoubleVector(), 1e-12);
    // momentum 1: running = batch mean 2 and unbiased variance 2
    assertEquals(2.0, stats.runningMean().getDouble(0), 1e-12);
    assertEquals(2.0, stats.runningVar().getDouble(0), 1e-12);
    Tensor eval = Ops.batchNorm(Tensor.constant(Nd4j.createFromArray(new double[][] {{4}})),
        null, null, stats, false);
    assertEquals(2 / Math.sqrt(2), eval.item(), 1e-12);
  }

  @Test
  void maxNormRescalesOnlyLongColumns() {
    Tensor w = Tensor.parameter(Nd4j.createFromArray(new double[][] {{3, 0.1}, {4, 0.1}}));
    Ops.maxNormColumns(w, 1.0);
    assertArrayEquals(new double[] {0.6, 0.1, 0.8, 0.1}, w.value().ravel().toDoubleVector(),
        1e-12);
  }

  @Test
  void laplaceDrawsAreFiniteWithUnitScaleStatistics() {
    INDArray z = new RandomStream(11).laplace(DataType.FLOAT, 400_000);
    assertFalse(Ops.hasNonFinite(z));
    // Laplace(0,1): mean 0, E|z| = 1, variance 2
    assertEquals(0.0, z.meanNumber().doubleValue(), 0.01);
    assertEquals(1.0, org.nd4j.linalg.ops.transforms.Transforms.abs(z, true)
        .meanNumber().doubleValue(), 0.01);
    assertEquals(2.0, z.varNumber().doubleValue(), 0.05);
  }

  @Test
  void randomStreamIsRepeatableAndRestorable() {
    RandomStream a = new RandomStream(5);
    a.normal(DataType.FLOAT, 10);
    long[] state = a.state();
    INDArray next = a.normal(DataType.FLOAT, 10);
    RandomStream b = new RandomStream(99);
    b.restore(state);
    assertEquals(next, b.normal(DataType.FLOAT, 10));
    // another user of ND4J's global generator does not change our sequence
    RandomStream c = new RandomStream(5);
    Nd4j.rand(DataType.FLOAT, 100);
    c.normal(DataType.FLOAT, 10);
    assertEquals(next, c.normal(DataType.FLOAT, 10));
  }

  @Test
  void scopeReleasesIntermediatesButNotParameters() {
    Tensor w = Tensor.parameter(Nd4j.rand(DataType.FLOAT, 3, 3));
    Tensor kept;
    try (StepScope step = StepScope.open()) {
      Tensor y = w.matmul(w).tanh().sum();
      y.backward();
      kept = y;
      assertEquals(3, step.size());
    }
    assertTrue(kept.value().wasClosed());
    assertFalse(w.value().wasClosed());
    assertNotNull(w.grad());
  }

  @Test
  void nonFiniteValuesAreDetected() {
    assertTrue(Ops.hasNonFinite(Nd4j.createFromArray(1f, Float.NaN)));
    assertTrue(Ops.hasNonFinite(Nd4j.createFromArray(1f, Float.NEGATIVE_INFINITY)));
    assertFalse(Ops.hasNonFinite(Nd4j.createFromArray(1f, -3f)));
  }

  @Test
  void sumsOverRowsEqualPlainSumsInBothPrecisions() {
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      Nd4j.getRandom().setSeed(3);
      INDArray x = Nd4j.rand(type, 37, 11).subi(0.5);
      double[][] v = x.toDoubleMatrix();
      INDArray flat = Tensor.constant(x).sum(false, 0).value();
      INDArray kept = Tensor.constant(x).sum(true, 0).value();
      assertArrayEquals(new long[] {11}, flat.shape());
      assertArrayEquals(new long[] {1, 11}, kept.shape());
      for (int j = 0; j < 11; j++) {
        double expected = 0;
        for (double[] row : v) {
          expected += row[j];
        }
        assertEquals(expected, flat.getDouble(j), 1e-5, type + " column " + j);
        assertEquals(expected, kept.getDouble(0, j), 1e-5, type + " column " + j);
      }
    }
  }

  @Test
  void trainingBatchNormStandardisesEveryColumnAndMovesTheRunningMean() {
    Nd4j.getRandom().setSeed(4);
    INDArray x = Nd4j.rand(DataType.FLOAT, 64, 9).muli(5).addi(3);
    double[][] v = x.toDoubleMatrix();
    BatchNormStats stats = new BatchNormStats(DataType.FLOAT, 9, 0.1, 1e-5);
    double[][] y = Ops.batchNorm(Tensor.constant(x), null, null, stats, true).value()
        .toDoubleMatrix();
    for (int j = 0; j < 9; j++) {
      double mean = 0;
      double yMean = 0;
      for (int i = 0; i < 64; i++) {
        mean += v[i][j] / 64;
        yMean += y[i][j] / 64;
      }
      double yVar = 0;
      for (int i = 0; i < 64; i++) {
        yVar += (y[i][j] - yMean) * (y[i][j] - yMean) / 64;
      }
      assertEquals(0, yMean, 1e-5, "column " + j);
      assertEquals(1, yVar, 1e-3, "column " + j);
      assertEquals(0.1 * mean, stats.runningMean().getDouble(0, j), 1e-5, "column " + j);
    }
  }

  @Test
  void fusedLaplaceLogDensitiesEqualTheirCompositionInValueAndGradient() {
    Nd4j.getRandom().setSeed(5);
    // 97 × 211 floats: the Java kernels' chunks, and a last partial one
    INDArray x = Nd4j.rand(DataType.FLOAT, 97, 211).subi(0.5);
    INDArray loc = Nd4j.rand(DataType.FLOAT, 97, 211).subi(0.5).muli(0.1);
    INDArray scale = Nd4j.rand(DataType.FLOAT, 97, 211).addi(0.05);
    INDArray[][] parameterCases = {{loc, scale}, {Nd4j.scalar(0.02f), scale},
        {Nd4j.scalar(0.02f), Nd4j.scalar(0.7f)}, {loc, Nd4j.scalar(0.7f)}};
    for (INDArray[] params : parameterCases) {
      double[][] composed = laplaceTotals(x, params[0], params[1], (w, m, b) ->
          w.sub(m).abs().div(b).add(b.mul(2.0).log()).neg().sum());
      double[][] elementwise = laplaceTotals(x, params[0], params[1], (w, m, b) ->
          Ops.laplaceLogDensity(w, m, b).sum());
      double[][] fused = laplaceTotals(x, params[0], params[1], Ops::laplaceLogDensitySum);
      String which = "loc " + java.util.Arrays.toString(params[0].shape()) + ", scale "
          + java.util.Arrays.toString(params[1].shape());
      for (double[][] candidate : new double[][][] {elementwise, fused}) {
        assertEquals(composed[0][0], candidate[0][0], 1e-5 * Math.abs(composed[0][0]), which);
        for (int k = 1; k < 4; k++) {
          double tolerance = 1e-4 * (1 + maxAbs(composed[k]));
          assertArrayEquals(composed[k], candidate[k], tolerance, which + ", gradient " + k);
        }
      }
    }
  }

  @Test
  void fusedLaplaceLogDensityOfConstantParametersAndSubnormalScalesEqualsTheComposition() {
    Nd4j.getRandom().setSeed(6);
    INDArray x = Nd4j.rand(DataType.FLOAT, 61, 301).subi(0.5);
    // a prior (constant scalars): only x gets a gradient
    Tensor m = Tensor.constant(Nd4j.scalar(0.1f));
    Tensor b = Tensor.constant(Nd4j.scalar(0.3f));
    double[] composed = constantParameterTotals(x, w -> w.sub(m).abs().div(b)
        .add(b.mul(2.0).log()).neg().sum());
    double[] fused = constantParameterTotals(x, w -> Ops.laplaceLogDensitySum(w, m, b));
    assertEquals(composed[0], fused[0], 1e-5 * Math.abs(composed[0]));
    assertArrayEquals(java.util.Arrays.copyOfRange(composed, 1, composed.length),
        java.util.Arrays.copyOfRange(fused, 1, fused.length), 1e-5);
    // array scales with subnormal and tiny values scattered through the four running products
    INDArray scale = Nd4j.rand(DataType.FLOAT, 61, 301).addi(0.05);
    INDArray xAtLoc = x.dup();
    for (long i = 5; i < scale.length(); i += 997) {
      scale.putScalar(i, i % 2 == 0 ? 1e-40f : 3e-38f);
      xAtLoc.putScalar(i, 0f);   // |x − loc| / scale stays finite
    }
    Tensor s = Tensor.constant(scale);
    Tensor l = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 61, 301));
    double expected = constantParameterTotals(xAtLoc, w -> w.sub(l).abs().div(s)
        .add(s.mul(2.0).log()).neg().sum())[0];
    double actual = constantParameterTotals(xAtLoc, w -> Ops.laplaceLogDensitySum(w, l, s))[0];
    assertEquals(expected, actual, 1e-5 * Math.abs(expected));
  }

  /** The total and the gradient for x, with the distribution's parameters constant. */
  private static double[] constantParameterTotals(INDArray x,
      java.util.function.UnaryOperator<Tensor> f) {
    Tensor tx = Tensor.parameter(x.dup());
    try (StepScope step = StepScope.open()) {
      Tensor total = f.apply(tx);
      total.backward();
      double[] g = flat(tx.grad());
      double[] out = new double[g.length + 1];
      out[0] = total.item();
      System.arraycopy(g, 0, out, 1, g.length);
      return out;
    }
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double d : v) {
      m = Math.max(m, Math.abs(d));
    }
    return m;
  }

  private interface LaplaceTotal {
    Tensor apply(Tensor x, Tensor loc, Tensor scale);
  }

  /** The total and the gradients for x, loc and scale, as double vectors. */
  private static double[][] laplaceTotals(INDArray x, INDArray loc, INDArray scale,
      LaplaceTotal f) {
    Tensor tx = Tensor.parameter(x.dup());
    Tensor tl = Tensor.parameter(loc.dup());
    Tensor ts = Tensor.parameter(scale.dup());
    try (StepScope step = StepScope.open()) {
      Tensor total = f.apply(tx, tl, ts);
      total.backward();
      return new double[][] {{total.item()}, flat(tx.grad()), flat(tl.grad()), flat(ts.grad())};
    }
  }

  private static double[] flat(INDArray a) {
    return a.reshape(a.length()).toDoubleVector();
  }
}
