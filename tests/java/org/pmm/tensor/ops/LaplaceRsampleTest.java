package org.pmm.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;
import org.pmm.tensor.kernels.LaplaceMath;

/**
 * The fused reparameterised Laplace draw must be, bit for bit, the composition it replaces:
 * standard draws from {@link RandomStream#laplace}, then {@code loc.add(scale.mul(eps))}, with
 * the gradients of that composition for loc and scale.
 */
class LaplaceRsampleTest {
  private record Run(float[] sample, float[] noise, float[] locGrad, float[] scaleGrad) {}

  private static Run run(long rows, long cols, boolean fused) {
    Nd4j.getRandom().setSeed(7);
    Tensor loc = Tensor.parameter(Nd4j.rand(DataType.FLOAT, rows, cols).subi(0.5));
    Tensor scale = Tensor.parameter(Nd4j.rand(DataType.FLOAT, rows, cols).addi(0.01));
    INDArray up = Nd4j.rand(DataType.FLOAT, rows, cols).subi(0.5);
    RandomStream rng = new RandomStream(3);
    try (StepScope step = StepScope.open()) {
      Tensor sample;
      Tensor noise;
      if (fused) {
        LaplaceOps.Reparameterised draw = LaplaceOps.rsample(loc, scale, rng, rows, cols);
        sample = draw.sample();
        noise = draw.noise();
      } else {
        noise = Tensor.stepConstant(rng.laplace(DataType.FLOAT, rows, cols));
        sample = loc.add(scale.mul(noise));
      }
      sample.mul(Tensor.constant(up)).sum().backward();
      return new Run(sample.value().data().asFloat(), noise.value().data().asFloat(),
          loc.grad().data().asFloat(), scale.grad().data().asFloat());
    }
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"3, 5", "97, 211", "300, 257"})
  void fusedDrawIsTheCompositionBitForBit(long rows, long cols) {
    Run fused = run(rows, cols, true);
    Run composed = run(rows, cols, false);
    assertArrayEquals(composed.noise(), fused.noise());
    assertArrayEquals(composed.sample(), fused.sample());
    assertArrayEquals(composed.locGrad(), fused.locGrad());
    assertArrayEquals(composed.scaleGrad(), fused.scaleGrad());
  }

  @Test
  void scalarScaleTakesTheComposition() {
    Tensor loc = Tensor.parameter(Nd4j.zeros(DataType.FLOAT, 4, 6));
    Tensor scale = Tensor.parameter(Nd4j.scalar(DataType.FLOAT, 2f));
    try (StepScope step = StepScope.open()) {
      LaplaceOps.Reparameterised draw = LaplaceOps.rsample(loc, scale, new RandomStream(1), 4, 6);
      draw.sample().sum().backward();
      float[] eps = draw.noise().value().data().asFloat();
      float[] w = draw.sample().value().data().asFloat();
      double sumEps = 0;
      for (int i = 0; i < eps.length; i++) {
        assertEquals(2f * eps[i], w[i]);
        sumEps += eps[i];
      }
      assertEquals(sumEps, scale.grad().getDouble(0), 1e-5);
    }
  }

  @Test
  void vectorAndScalarKernelsAgreeBitForBit() {
    int n = 16 * 37 + 5;
    SplittableRandom r = new SplittableRandom(9);
    float[] u = new float[n];
    float[] loc = new float[n];
    float[] scale = new float[n];
    for (int i = 0; i < n; i++) {
      u[i] = (float) r.nextDouble();
      loc[i] = (float) (r.nextDouble() - 0.5);
      scale[i] = (float) (0.01 + r.nextDouble());
    }
    float h = (float) (0.5 - RandomStream.LAPLACE_U_MARGIN);
    float[][] scalar = reparameterise(new LaplaceMath.Scalar(), u, loc, scale, h);
    float[][] vector = reparameterise(LaplaceMath.Vectorised.create(), u, loc, scale, h);
    float[] uScalar = scalar[0];
    float[] wScalar = scalar[1];
    assertArrayEquals(uScalar, vector[0]);
    assertArrayEquals(wScalar, vector[1]);
    float[] expected = u.clone();
    new LaplaceMath.Scalar().laplaceFromUniform(expected, n, h);
    assertArrayEquals(expected, uScalar);
    for (int i = 0; i < n; i++) {
      assertTrue(wScalar[i] == loc[i] + scale[i] * expected[i]);
    }
  }

  /** The kernel over [0, n) of native copies: the noise and the sample. */
  private static float[][] reparameterise(LaplaceMath math, float[] u, float[] loc,
      float[] scale, float h) {
    int n = u.length;
    ByteBuffer us = direct(u);
    ByteBuffer ws = direct(new float[n]);
    math.reparameterise(us, direct(loc), direct(scale), ws, 0, n, h);
    float[] eps = new float[n];
    float[] w = new float[n];
    us.asFloatBuffer().get(eps);
    ws.asFloatBuffer().get(w);
    return new float[][] {eps, w};
  }

  private static ByteBuffer direct(float[] values) {
    ByteBuffer b = ByteBuffer.allocateDirect(4 * values.length).order(ByteOrder.nativeOrder());
    b.asFloatBuffer().put(values);
    return b;
  }
}
