package org.pmm.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.Tensor;

/**
 * Each optimiser against a scalar re-implementation of its published update rule, run for a few
 * steps on f(p) = Σ c·p² with different curvatures per element.
 */
class OptimizerTest {
  private static final double[] START = {1.5, -0.7, 20.0};
  private static final double[] CURVATURE = {1.0, 3.0, 0.5};

  private static double[] run(Optimizer opt, int steps) {
    Tensor p = Tensor.parameter(Nd4j.createFromArray(START.clone()));
    Tensor c = Tensor.constant(Nd4j.createFromArray(CURVATURE));
    for (int i = 0; i < steps; i++) {
      p.square().mul(c).sum().backward();
      opt.step(Map.of("p", p));
    }
    return p.value().toDoubleVector();
  }

  /**
   * Reference: Adam with optional clipping, lr decay and decoupled weight decay. The rate of
   * step t is lr·decay^t: Pyro's ClippedAdam multiplies its rate by lrd before every step.
   */
  private static double[] reference(double lr, double clip, double decay, double wd, int steps) {
    return reference(START, CURVATURE, lr, clip, decay, wd, steps);
  }

  private static double[] reference(double[] start, double[] curvature, double lr, double clip,
      double decay, double wd, int steps) {
    double[] p = start.clone();
    double b1 = 0.9;
    double b2 = 0.999;
    double eps = 1e-8;
    for (int j = 0; j < p.length; j++) {
      double m = 0;
      double v = 0;
      for (int t = 1; t <= steps; t++) {
        double g = 2 * curvature[j] * p[j];
        g = Math.max(-clip, Math.min(clip, g));
        double rate = lr * Math.pow(decay, t);
        p[j] -= rate * wd * p[j];
        m = b1 * m + (1 - b1) * g;
        v = b2 * v + (1 - b2) * g * g;
        double mHat = m / (1 - Math.pow(b1, t));
        double vHat = v / (1 - Math.pow(b2, t));
        p[j] -= rate * mHat / (Math.sqrt(vHat) + eps);
      }
    }
    return p;
  }

  private static void assertClose(double[] expected, double[] actual) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-9, "element " + i);
    }
  }

  /**
   * Float parameters take the fused one-pass update (ranges shared among threads, a scalar tail
   * after the vector loop): the same rule, to float precision, on enough elements to be split.
   */
  @Test
  void fusedFloatUpdatesMatchTheReference() {
    int n = 70_011;
    java.util.Random random = new java.util.Random(11);
    double[] start = new double[n];
    double[] curvature = new double[n];
    for (int j = 0; j < n; j++) {
      start[j] = random.nextGaussian() * 5;
      curvature[j] = 0.1 + random.nextDouble() * 3;
    }
    Optimizer[] optimisers = {new Adam(0.1), new ClippedAdam(0.1, 5.0, 0.9), new AdamW(0.1, 0.3)};
    double[][] expected = {reference(start, curvature, 0.1, Double.MAX_VALUE, 1.0, 0.0, 7),
        reference(start, curvature, 0.1, 5.0, 0.9, 0.0, 7),
        reference(start, curvature, 0.1, Double.MAX_VALUE, 1.0, 0.3, 7)};
    for (int k = 0; k < optimisers.length; k++) {
      Tensor p = Tensor.parameter(Nd4j.createFromArray(toFloat(start)));
      Tensor c = Tensor.constant(Nd4j.createFromArray(toFloat(curvature)));
      for (int i = 0; i < 7; i++) {
        p.square().mul(c).sum().backward();
        optimisers[k].step(Map.of("p", p));
      }
      float[] actual = p.value().toFloatVector();
      for (int j = 0; j < n; j++) {
        assertEquals(expected[k][j], actual[j], 1e-4 * (1 + Math.abs(expected[k][j])),
            optimisers[k].describe() + " element " + j);
      }
    }
  }

  private static float[] toFloat(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  @Test
  void adamMatchesReference() {
    assertClose(reference(0.1, Double.MAX_VALUE, 1.0, 0.0, 7), run(new Adam(0.1), 7));
  }

  @Test
  void clippedAdamClipsGradientsAndDecaysRate() {
    // the third element's gradient (2·0.5·20 = 20) exceeds the clip of 5
    assertClose(reference(0.1, 5.0, 0.9, 0.0, 7), run(new ClippedAdam(0.1, 5.0, 0.9), 7));
  }

  /**
   * Two steps of ClippedAdam with betas (0.8, 0.95), clip 5 and lr decay 0.5 on f(p) = 3·p₀² +
   * p₁², written out: p₀'s gradient (9, then 8.7) is clipped to 5 both times, so its
   * bias-corrected step is exactly the rate (0.05, then 0.025); p₁'s gradient (1, then 0.9) is
   * not clipped and its second step depends on the betas.
   */
  @Test
  void clippedAdamWithBetasMatchesTwoStepsWrittenOut() {
    double eps = 1e-8;
    ClippedAdam opt = new ClippedAdam(0.1, new double[] {0.8, 0.95}, 5.0, 0.5);
    Tensor p = Tensor.parameter(Nd4j.createFromArray(1.5, 0.5));
    Tensor c = Tensor.constant(Nd4j.createFromArray(3.0, 1.0));
    double[][] after = new double[2][];
    for (int i = 0; i < 2; i++) {
      p.square().mul(c).sum().backward();
      opt.step(Map.of("p", p));
      after[i] = p.value().toDoubleVector();
    }
    // step 1: rate 0.1·0.5; m = 0.2·g, v = 0.05·g², so m̂ = g and v̂ = g²
    double p0 = 1.5 - 0.05 * 5 / (5 + eps);
    double p1 = 0.5 - 0.05 * 1 / (1 + eps);
    assertEquals(p0, after[0][0], 1e-12);
    assertEquals(p1, after[0][1], 1e-12);
    // step 2: rate 0.1·0.5²; p₁'s gradient is 2·p₁
    double g = 2 * p1;
    double m = 0.8 * (0.2 * 1) + 0.2 * g;
    double v = 0.95 * (0.05 * 1) + 0.05 * g * g;
    double mHat = m / (1 - 0.8 * 0.8);
    double vHat = v / (1 - 0.95 * 0.95);
    assertEquals(p0 - 0.025 * 5 / (5 + eps), after[1][0], 1e-12);
    assertEquals(p1 - 0.025 * mHat / (Math.sqrt(vHat) + eps), after[1][1], 1e-12);
    assertEquals(1.425, after[1][0], 1e-7);
  }

  @Test
  void clippedAdamNeedsTwoBetas() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ClippedAdam(0.1, new double[] {0.9}, 10, 1));
    assertEquals("ClippedAdam: 'betas' needs two values, got 1", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new ClippedAdam(0.1, new double[] {0.9, 1.0}, 10, 1));
  }

  @Test
  void adamWDecaysWeightsDecoupled() {
    assertClose(reference(0.1, Double.MAX_VALUE, 1.0, 0.3, 7), run(new AdamW(0.1, 0.3), 7));
  }

  @Test
  void sgdStepsAgainstGradient() {
    double[] p = run(new Sgd(0.1), 1);
    for (int j = 0; j < p.length; j++) {
      assertEquals(START[j] - 0.1 * 2 * CURVATURE[j] * START[j], p[j], 1e-12);
    }
  }

  @Test
  void parametersWithoutGradientAreLeftAlone() {
    Tensor p = Tensor.parameter(Nd4j.createFromArray(1.0, 2.0));
    Adam adam = new Adam(0.1);
    adam.step(Map.of("p", p));
    assertEquals(1.0, p.value().getDouble(0));
    assertEquals(0, adam.states().size());
  }

  @Test
  void invalidHyperparametersAreRejectedWithTheirName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ClippedAdam(0.1, -1, 1));
    assertEquals("ClippedAdam: 'clip' must be positive, got -1.0", e.getMessage());
  }
}
