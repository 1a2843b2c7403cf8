package org.pmm.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmm.infer.BernoulliHierarchy.X;
import static org.pmm.infer.BernoulliHierarchy.logBernoulli;
import static org.pmm.infer.BernoulliHierarchy.logNormal;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.Pmm;
import org.pmm.handlers.SeedMessenger;
import org.pmm.handlers.Trace;
import org.pmm.params.ParamStore;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;

/**
 * Score-function estimators on {@link BernoulliHierarchy}: single-draw gradients against the exact
 * Rao-Blackwellised formulas, and means over many draws against the exact gradient by enumeration.
 */
class DiscreteGradientTest {
  private static final Function<BernoulliHierarchy.Args, Object> MODEL = BernoulliHierarchy::model;
  private static final Function<BernoulliHierarchy.Args, Object> GUIDE = BernoulliHierarchy::guide;

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  /** The draws of the guide under {@code seed} (same stream as an evaluation with that seed). */
  private static double[][] draws(ParamStore store, long seed, BernoulliHierarchy.Args args) {
    try (ParamStore.Activation a = store.activate();
        SeedMessenger s = new SeedMessenger(seed).enter();
        StepScope scope = StepScope.open()) {
      Trace t = Pmm.trace(GUIDE, args);
      return new double[][] {
          Nd4j.toFlattened(t.site("s").value().value()).toDoubleVector(),
          Nd4j.toFlattened(t.site("c").value().value()).toDoubleVector(),
          Nd4j.toFlattened(t.site("z").value().value()).toDoubleVector()};
    }
  }

  /**
   * The downstream costs written out for this model: z's own terms and its observation per
   * element; c's terms plus its group's z costs; s's terms plus everything.
   */
  /**
   * Three vectorised particles in one run: each particle's parameter copies must receive exactly
   * that particle's Rao-Blackwellised gradient (the particle plate keeps their costs apart).
   */
  @Test
  void singleDrawMatchesRaoBlackwellisedFormulas() {
    int particles = 3;
    BernoulliHierarchy.Args args = BernoulliHierarchy.Args.of(particles);
    ParamStore store = new ParamStore();
    TraceGraphElbo elbo = TraceGraphElbo.builder()
        .baseline("z", Baseline.neural(t -> Pmm.param("bz",
            () -> Nd4j.zeros(DataType.DOUBLE, particles, 2, 3))))
        .baseline("c", Baseline.neural(t -> Pmm.param("bc",
            () -> Nd4j.zeros(DataType.DOUBLE, particles, 2, 1))))
        .baseline("s", Baseline.learnedValue())
        .build();
    for (long seed = 0; seed < 2; seed++) {
      ElboTesting.Evaluation e = ElboTesting.evaluate(elbo, MODEL, GUIDE, args, store, seed);
      double[][] d = draws(store, seed, args);
      double totalLoss = 0;
      double totalCostS = 0;
      for (int k = 0; k < particles; k++) {
        double s = d[0][k];
        double[] c = java.util.Arrays.copyOfRange(d[1], 2 * k, 2 * k + 2);
        double[] z = java.util.Arrays.copyOfRange(d[2], 6 * k, 6 * k + 6);
        double[] costZ = new double[6];
        double[] costC = new double[2];
        double costS = logBernoulli(0.3, s) - logBernoulli(BernoulliHierarchy.PHI_S, s);
        double loss = -costS;
        double[] expected = new double[11];
        for (int g = 0; g < 2; g++) {
          double logitC = BernoulliHierarchy.PHI_C[g] + BernoulliHierarchy.KAPPA * s;
          costC[g] = logBernoulli(-0.2 + 0.8 * s, c[g]) - logBernoulli(logitC, c[g]);
          loss -= costC[g];
          for (int i = 0; i < 3; i++) {
            int gi = 3 * g + i;
            double logitZ = BernoulliHierarchy.PHI_Z[g][i] + BernoulliHierarchy.PSI * c[g];
            costZ[gi] = logBernoulli(0.5 - c[g], z[gi]) - logBernoulli(logitZ, z[gi])
                + logNormal(X[g][i], 1.5 * z[gi] - 0.7 + 0.5 * s);
            loss -= costZ[gi];
            costC[g] += costZ[gi];
            expected[4 + gi] = -(z[gi] - sigmoid(logitZ)) * costZ[gi];
            expected[10] += expected[4 + gi] * c[g];
          }
          expected[1 + g] = -(c[g] - sigmoid(logitC)) * costC[g];
          expected[3] += expected[1 + g] * s;
          costS += costC[g];
        }
        expected[0] = -(s - sigmoid(BernoulliHierarchy.PHI_S)) * costS;
        totalLoss += loss;
        totalCostS += costS;
        assertClose(expected, BernoulliHierarchy.particleGradient(e.gradients(), k, particles),
            "particle " + k + " gradient");
        // baseline loss Σ (cost − b)² at b = 0: gradient −2·cost, element by element
        assertClose(scale(costZ, -2), java.util.Arrays.copyOfRange(e.gradient("bz"), 6 * k,
            6 * k + 6), "neural baseline of z, particle " + k);
        assertClose(scale(costC, -2), java.util.Arrays.copyOfRange(e.gradient("bc"), 2 * k,
            2 * k + 2), "neural baseline of c, particle " + k);
      }
      assertEquals(totalLoss, e.loss(), 1e-9, "loss");
      // one learned scalar shared by the particles: −2 Σ_k cost_s,k
      assertEquals(-2 * totalCostS, e.gradient("baseline.s.value")[0], 1e-9, "learned value");
    }
  }

  /**
   * Under a scale handler c the estimate is c·(log p − log q), so its gradient must be exactly
   * c times the unscaled one at the same draws: the score log q(z) itself is not scaled.
   */
  @Test
  void scaleHandlerScalesScoreFunctionGradientsOnce() {
    scaleHandlerScalesScoreFunctionGradientsOnce(() -> new TraceGraphElbo(1));
  }

  /** Trace_ELBO must not multiply an already scaled score by the scaled ELBO (8.55× at c = 3). */
  @Test
  void traceElboScalesScoreFunctionGradientsOnce() {
    scaleHandlerScalesScoreFunctionGradientsOnce(() -> new TraceElbo(1));
  }

  private void scaleHandlerScalesScoreFunctionGradientsOnce(
      java.util.function.Supplier<Elbo> estimator) {
    BernoulliHierarchy.Args args = BernoulliHierarchy.Args.of(2);
    Function<BernoulliHierarchy.Args, Object> scaledModel = a -> {
      try (var s = Pmm.scale(3.0).enter()) {
        return MODEL.apply(a);
      }
    };
    Function<BernoulliHierarchy.Args, Object> scaledGuide = a -> {
      try (var s = Pmm.scale(3.0).enter()) {
        return GUIDE.apply(a);
      }
    };
    ParamStore store = new ParamStore();
    for (long seed = 0; seed < 2; seed++) {
      ElboTesting.Evaluation plain =
          ElboTesting.evaluate(estimator.get(), MODEL, GUIDE, args, store, seed);
      ElboTesting.Evaluation scaled =
          ElboTesting.evaluate(estimator.get(), scaledModel, scaledGuide, args, store, seed);
      assertEquals(3 * plain.loss(), scaled.loss(), 1e-9);
      for (String name : BernoulliHierarchy.NAMES) {
        assertClose(scale(plain.gradient(name), 3), scaled.gradient(name), name);
      }
    }
  }

  private static double[] scale(double[] v, double f) {
    double[] out = v.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= f;
    }
    return out;
  }

  private static void assertClose(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-9, what + "[" + i + "]");
    }
  }

  /** Mean and variance of the per-draw gradient, flattened like the exact one. */
  private record Moments(double[] mean, double[] variance, int draws) {
    double totalVariance() {
      double t = 0;
      for (double v : variance) {
        t += v;
      }
      return t;
    }
  }

  /**
   * Per-draw gradient moments of {@code elbo} over {@code runs} runs of {@code particles}
   * vectorised particles each (every particle is one draw).
   */
  private static Moments moments(Elbo elbo, int runs, int particles, long seedBase) {
    BernoulliHierarchy.Args args = BernoulliHierarchy.Args.of(particles);
    ParamStore store = new ParamStore();
    double[] mean = new double[11];
    double[] m2 = new double[11];
    int n = 0;
    for (int r = 0; r < runs; r++) {
      ElboTesting.Evaluation e = ElboTesting.evaluate(elbo, MODEL, GUIDE, args, store, seedBase + r);
      for (int k = 0; k < particles; k++) {
        double[] g = BernoulliHierarchy.particleGradient(e.gradients(), k, particles);
        n++;
        for (int i = 0; i < g.length; i++) {
          double delta = g[i] - mean[i];
          mean[i] += delta / n;
          m2[i] += delta * (g[i] - mean[i]);
        }
      }
    }
    double[] variance = new double[11];
    for (int i = 0; i < 11; i++) {
      variance[i] = m2[i] / (n - 1);
    }
    return new Moments(mean, variance, n);
  }

  private static void assertUnbiased(String what, Moments m, double[] exact) {
    for (int i = 0; i < exact.length; i++) {
      double se = Math.sqrt(m.variance()[i] / m.draws());
      double error = Math.abs(m.mean()[i] - exact[i]);
      final int index = i;
      assertTrue(error <= 3 * se, () -> what + ": component " + index + " mean "
          + m.mean()[index] + " exact " + exact[index] + " is " + error / se + " SE away");
    }
  }

  @Test
  void gradientMeansMatchEnumerationAndTraceGraphHasLowerVariance() {
    double[] exact = BernoulliHierarchy.exactLossGradient();
    // Trace_ELBO sums every cost into one weight, so its particles cannot share a run: a loop.
    Moments trace = moments(new TraceElbo(1), 300, 1, 10_000);
    Moments graph = moments(new TraceGraphElbo(1), 1, 4000, 20_000);
    Moments graphAverage = moments(TraceGraphElbo.builder()
        .baseline(Baseline.decayingAverage(0.9)).build(), 20, 200, 30_000);
    double ratio = graph.totalVariance() / trace.totalVariance();
    double ratioAverage = graphAverage.totalVariance() / trace.totalVariance();
    System.out.printf("gradient variance (sum over 11 components; draws %d, %d, %d): trace %.4f,"
        + " tracegraph %.4f (ratio %.3f), tracegraph+decaying average %.4f (ratio %.3f)%n",
        trace.draws(), graph.draws(), graphAverage.draws(), trace.totalVariance(), graph.totalVariance(), ratio, graphAverage.totalVariance(),
        ratioAverage);
    for (int i = 0; i < 11; i++) {
      System.out.printf("  component %2d: exact %+.4f  var trace %.4f  tracegraph %.4f  +avg %.4f%n",
          i, exact[i], trace.variance()[i], graph.variance()[i], graphAverage.variance()[i]);
    }
    assertUnbiased("trace", trace, exact);
    assertUnbiased("tracegraph", graph, exact);
    assertUnbiased("tracegraph with decaying-average baseline", graphAverage, exact);
    assertTrue(ratio < 0.7, "tracegraph/trace variance ratio " + ratio);
    assertTrue(ratioAverage < ratio, "the baseline lowers the variance further: " + ratioAverage);
  }
}
