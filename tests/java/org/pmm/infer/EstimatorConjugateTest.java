package org.pmm.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmm.Pmm.param;
import static org.pmm.Pmm.plate;
import static org.pmm.Pmm.sample;
import static org.pmm.infer.ElboTesting.c;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.distributions.Bernoulli;
import org.pmm.distributions.Beta;
import org.pmm.distributions.Distribution;
import org.pmm.distributions.Independent;
import org.pmm.distributions.Normal;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.handlers.PlateMessenger;
import org.pmm.handlers.SeedMessenger;
import org.pmm.optim.ClippedAdam;
import org.pmm.params.ParamStore;
import org.pmm.tensor.Tensor;

/**
 * SVI reaches the analytic posteriors of conjugate models with every estimator that applies.
 * Each step averages K vectorised particles (a plate "particles" scaled by 1/K), so a few hundred
 * steps with a decaying learning rate suffice. (With a single particle the Beta-Bernoulli case
 * is still at log α = 1.274 after 6000 steps, and such a test takes minutes on a loaded
 * machine.)
 */
class EstimatorConjugateTest {
  private static final int PARTICLES = 256;

  private static Elbo estimator(String name) {
    return switch (name) {
      case "annealed-beta-1" -> new AnnealedElbo(new TraceElbo(1), KlSchedule.constant(1.0));
      case "tracegraph" -> TraceGraphElbo.builder().baseline(Baseline.decayingAverage()).build();
      default -> Elbos.create(name, 1.0, 0);
    };
  }

  private static <A> ParamStore fit(Elbo elbo, Function<A, ?> model, Function<A, ?> guide, A data,
      int steps, double lr, double lrDecay, long seed) {
    ParamStore store = new ParamStore();
    Svi<A> svi = new Svi<>(ElboTesting.particles(PARTICLES, model),
        ElboTesting.particles(PARTICLES, guide), elbo, new ClippedAdam(lr, 10, lrDecay), store);
    try (SeedMessenger s = new SeedMessenger(seed).enter()) {
      for (int i = 0; i < steps; i++) {
        svi.step(data);
      }
    }
    return store;
  }

  /**
   * z ~ N([0, 0.5], precision 0.1), x_i ~ N(z, precision [6, 4]), four rows: the posterior is
   * Normal with precision 0.1 + 4·τ and mean (0.1·μ0 + τ·Σx) / precision.
   */
  @ParameterizedTest
  @ValueSource(strings = {"trace", "tracegraph", "meanfield", "annealed-beta-1"})
  void normalNormalReachesThePosterior(String name) {
    double[][] rows = {{-0.1, 0.3}, {0, 0.4}, {0.2, 0.5}, {0.1, 0.7}};
    Tensor x = Tensor.constant(Nd4j.createFromArray(rows).reshape(1, 4, 2).repeat(0, PARTICLES));
    Tensor priorScale = c(1 / Math.sqrt(0.1), 1 / Math.sqrt(0.1));
    Tensor likScale = c(1 / Math.sqrt(6), 1 / Math.sqrt(4));
    Function<Tensor, Object> model = obs -> {
      Tensor z = sample("z", Independent.of(new Normal(c(0, 0.5), priorScale), 1));
      try (PlateMessenger p = plate("rows", 4, ElboTesting.range(4), -1)) {
        sample("x", Independent.of(new Normal(z, likScale), 1), obs);
      }
      return null;
    };
    Function<Tensor, Object> guide = obs -> {
      Tensor loc = param("loc", () -> Nd4j.zeros(DataType.DOUBLE, 2));
      Tensor scale = param("scale", () -> Nd4j.ones(DataType.DOUBLE, 2), Constraints.positive());
      return sample("z", Independent.of(new Normal(loc, scale), 1));
    };
    ParamStore store = fit(estimator(name), model, guide, x, 200, 0.1, 0.98, 0);
    double[] loc = store.constrained("loc").toDoubleVector();
    double[] scale = store.constrained("scale").toDoubleVector();
    double[] expectedLoc = {0.0497925, 0.4751553};
    double[] expectedLogScale = {-1.5911059, -1.3894096};
    for (int i = 0; i < 2; i++) {
      assertEquals(expectedLoc[i], loc[i], 0.05, name + ": loc " + i);
      assertEquals(expectedLogScale[i], Math.log(scale[i]), 0.08, name + ": log scale " + i);
    }
  }

  private static Function<Tensor, Object> betaBernoulliModel() {
    return obs -> {
      Tensor p = sample("p", new Beta(c(1), c(1)));
      try (PlateMessenger rows = plate("rows", 4, ElboTesting.range(4), -1)) {
        sample("x", Bernoulli.probs(p), obs);
      }
      return null;
    };
  }

  private static Function<Tensor, Object> betaGuide(boolean reparameterised) {
    return obs -> {
      Tensor a = param("alpha", () -> Nd4j.createFromArray(1.0), Constraints.positive());
      Tensor b = param("beta", () -> Nd4j.createFromArray(1.0), Constraints.positive());
      Distribution q = new Beta(a, b);
      return sample("p", reparameterised ? q : new ElboTesting.NonReparameterised(q));
    };
  }

  private static Tensor betaData() {
    return Tensor.constant(Nd4j.createFromArray(0.0, 1, 1, 1).reshape(1, 4).repeat(0, PARTICLES));
  }

  /** p ~ Beta(1, 1), data [0, 1, 1, 1]: the posterior is Beta(4, 2). */
  @ParameterizedTest
  @ValueSource(strings = {"trace", "tracegraph", "meanfield", "annealed-beta-1"})
  void betaBernoulliReachesThePosterior(String name) {
    ParamStore store = fit(estimator(name), betaBernoulliModel(), betaGuide(true), betaData(),
        300, 0.2, 0.985, 1);
    assertEquals(Math.log(4), Math.log(store.constrained("alpha").getDouble(0)), 0.08, name);
    assertEquals(Math.log(2), Math.log(store.constrained("beta").getDouble(0)), 0.08, name);
  }

  /**
   * The same posterior with a guide whose Beta hides its reparameterised sampler: TraceGraph
   * learns from score-function gradients alone, centred by a decaying-average baseline.
   */
  @Test
  void betaBernoulliByScoreFunctionWithDecayingBaseline() {
    Elbo elbo = TraceGraphElbo.builder().baseline(Baseline.decayingAverage(0.9)).build();
    ParamStore store = fit(elbo, betaBernoulliModel(), betaGuide(false), betaData(),
        500, 0.2, 0.99, 2);
    double logAlpha = Math.log(store.constrained("alpha").getDouble(0));
    double logBeta = Math.log(store.constrained("beta").getDouble(0));
    assertTrue(Math.abs(logAlpha - 1.3862944) <= 0.04 && Math.abs(logBeta - 0.6931472) <= 0.04,
        "log α " + logAlpha + ", log β " + logBeta);
  }
}
