package org.pmm.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmm.Pmm.param;
import static org.pmm.Pmm.plate;
import static org.pmm.Pmm.sample;
import static org.pmm.infer.ElboTesting.c;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.distributions.Laplace;
import org.pmm.distributions.Normal;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.handlers.MaskMessenger;
import org.pmm.handlers.PlateMessenger;
import org.pmm.handlers.ScaleMessenger;
import org.pmm.handlers.SeedMessenger;
import org.pmm.params.ParamStore;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;

/**
 * TraceMeanField_ELBO on a Laplace-Laplace model: z_i ~ Laplace(0.2, 1), x_i ~ Normal(z_i, 2),
 * guide Laplace(μ_i, b_i), three elements in a plate.
 */
class MeanFieldElboTest {
  private static final double[] X = {0.5, -1.0, 2.0};
  private static final double[] MU = {0.3, -0.4, 1.1};
  private static final double[] B = {0.5, 0.8, 0.3};
  private static final double SIGMA = 2.0;

  /** KL(Laplace(μ₁, b₁) ‖ Laplace(μ₂, b₂)), written out independently of the registry. */
  private static double kl(double mu1, double b1, double mu2, double b2) {
    double d = Math.abs(mu1 - mu2);
    return Math.log(b2 / b1) + d / b2 + b1 / b2 * Math.exp(-d / b1) - 1;
  }

  private static double logNormal(double x, double mean) {
    return -0.5 * (x - mean) * (x - mean) / (SIGMA * SIGMA) - 0.5 * Math.log(2 * Math.PI * SIGMA * SIGMA);
  }

  private static Function<Tensor, Object> model(double[] mask) {
    return x -> {
      try (PlateMessenger p = plate("i", 3, ElboTesting.range(3), -1)) {
        Tensor z;
        try (MaskMessenger m = new MaskMessenger(Nd4j.createFromArray(mask)).enter()) {
          z = sample("z", new Laplace(c(0.2), c(1.0)));
        }
        sample("x", new Normal(z, c(SIGMA)), x);
      }
      return null;
    };
  }

  private static Function<Tensor, Object> guide(double[] mask, boolean laplace) {
    return x -> {
      Tensor mu = param("mu", () -> Nd4j.createFromArray(MU));
      Tensor b = param("b", () -> Nd4j.createFromArray(B), Constraints.positive());
      try (PlateMessenger p = plate("i", 3, ElboTesting.range(3), -1);
          MaskMessenger m = new MaskMessenger(Nd4j.createFromArray(mask)).enter()) {
        sample("z", laplace ? new Laplace(mu, b) : new Normal(mu, b));
      }
      return null;
    };
  }

  private static <A> Function<A, Object> scaled(double factor, Function<A, ?> fn) {
    return a -> {
      try (ScaleMessenger s = new ScaleMessenger(factor).enter()) {
        return fn.apply(a);
      }
    };
  }

  /** With a mask and a scale: loss = −scale·(Σ_i log N(x_i; z_i, σ) − Σ_i mask_i·KL_i). */
  @Test
  void lossIsLikelihoodAtTheDrawMinusMaskedScaledClosedFormKl() {
    double[] mask = {1, 0, 1};
    Tensor x = c(X);
    ParamStore store = new ParamStore();
    for (long seed = 0; seed < 3; seed++) {
      try (ParamStore.Activation a = store.activate();
          SeedMessenger s = new SeedMessenger(seed).enter();
          StepScope scope = StepScope.open()) {
        Elbo.Particle p = Elbo.run(scaled(2.0, model(mask)), scaled(2.0, guide(mask, true)), x);
        double loss = new MeanFieldElbo(1).particleLoss(p).loss();
        double[] z = p.guide().site("z").value().value().toDoubleVector();
        double expected = 0;
        for (int i = 0; i < 3; i++) {
          expected -= 2.0 * (logNormal(X[i], z[i]) - mask[i] * kl(MU[i], B[i], 0.2, 1.0));
        }
        assertEquals(expected, loss, 1e-9, "seed " + seed);
      }
    }
  }

  /**
   * −ELBO exactly: E_q[log N(x; z, σ)] = −½ log 2πσ² − ((x − μ)² + 2b²) / 2σ² for a Laplace q.
   * Both estimators' means over 5000 draws agree with it, mean-field with lower variance.
   */
  @Test
  void expectationEqualsTraceWithLowerVariance() {
    double exact = 0;
    double[] none = {1, 1, 1};
    for (int i = 0; i < 3; i++) {
      double likelihood = -0.5 * Math.log(2 * Math.PI * SIGMA * SIGMA)
          - ((X[i] - MU[i]) * (X[i] - MU[i]) + 2 * B[i] * B[i]) / (2 * SIGMA * SIGMA);
      exact -= likelihood - kl(MU[i], B[i], 0.2, 1.0);
    }
    double[] trace = lossMoments(new TraceElbo(1), guide(none, true), 100);
    double[] meanField = lossMoments(new MeanFieldElbo(1), guide(none, true), 200);
    assertEquals(exact, trace[0], 3 * Math.sqrt(trace[1] / 5000), "trace mean");
    assertEquals(exact, meanField[0], 3 * Math.sqrt(meanField[1] / 5000), "meanfield mean");
    System.out.printf("loss variance per draw: trace %.4f, meanfield %.4f (ratio %.3f)%n",
        trace[1], meanField[1], meanField[1] / trace[1]);
    assertTrue(meanField[1] < 0.5 * trace[1],
        "meanfield variance " + meanField[1] + " vs trace " + trace[1]);
  }

  /** Mean and per-draw variance of the loss: 50 runs of 100 vectorised particles. */
  private static double[] lossMoments(Elbo elbo, Function<Tensor, Object> guide, long seedBase) {
    int runs = 50;
    int particles = 100;
    Tensor x = Tensor.constant(Nd4j.createFromArray(X).reshape(1, 3).repeat(0, particles));
    ParamStore store = new ParamStore();
    double sum = 0;
    double sumSquares = 0;
    for (int r = 0; r < runs; r++) {
      double loss = ElboTesting.evaluate(elbo, ElboTesting.particles(particles, model(new double[] {1, 1, 1})),
          ElboTesting.particles(particles, guide), x, store, seedBase + r).loss();
      sum += loss;
      sumSquares += loss * loss;
    }
    double mean = sum / runs;
    double runVariance = (sumSquares - runs * mean * mean) / (runs - 1);
    return new double[] {mean, runVariance * particles};
  }

  @Test
  void siteWithoutClosedFormFallsBackToMonteCarloAndWarnsOnce() {
    double[] none = {1, 1, 1};
    List<String> warnings = new ArrayList<>();
    MeanFieldElbo meanField = new MeanFieldElbo(1, warnings::add);
    ParamStore store = new ParamStore();
    Function<Tensor, Object> normalGuide = guide(none, false);
    for (long seed = 0; seed < 3; seed++) {
      double mf = ElboTesting.evaluate(meanField, model(none), normalGuide, c(X), store, seed).loss();
      double tr = ElboTesting.evaluate(new TraceElbo(1), model(none), normalGuide, c(X), store, seed)
          .loss();
      assertEquals(tr, mf, 1e-12, "Monte Carlo fallback equals Trace_ELBO at the same draw");
    }
    assertEquals(1, warnings.size(), "one warning for site z: " + warnings);
    assertTrue(warnings.get(0).contains("'z'") && warnings.get(0).contains("Normal")
        && warnings.get(0).contains("Laplace"), warnings.get(0));
  }
}
