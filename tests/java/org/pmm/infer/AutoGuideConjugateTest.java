package org.pmm.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmm.Pmm.plate;
import static org.pmm.Pmm.sample;
import static org.pmm.infer.ElboTesting.c;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.distributions.Bernoulli;
import org.pmm.distributions.Beta;
import org.pmm.distributions.Categorical;
import org.pmm.distributions.Dirichlet;
import org.pmm.distributions.Gamma;
import org.pmm.distributions.Independent;
import org.pmm.distributions.Normal;
import org.pmm.distributions.Poisson;
import org.pmm.handlers.PlateMessenger;
import org.pmm.handlers.SeedMessenger;
import org.pmm.infer.autoguide.AutoDelta;
import org.pmm.infer.autoguide.AutoGuide;
import org.pmm.infer.autoguide.AutoNormal;
import org.pmm.optim.ClippedAdam;
import org.pmm.params.ParamStore;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;

/**
 * Autoguides against the exact posteriors of conjugate models: AutoNormal matches a Normal
 * posterior exactly and the moments of a Beta and a Dirichlet posterior closely (its family is
 * the logit-normal there, not the Beta); AutoDelta reaches the closed-form MAP.
 */
class AutoGuideConjugateTest {
  private static final int PARTICLES = 256;

  private static <A> ParamStore fit(Function<A, ?> model, AutoGuide<A> guide, A data, int steps,
      double lr, double lrDecay, long seed) {
    ParamStore store = new ParamStore();
    Svi<A> svi = new Svi<>(ElboTesting.particles(PARTICLES, model),
        ElboTesting.particles(PARTICLES, guide), new TraceElbo(1),
        new ClippedAdam(lr, 10, lrDecay), store);
    try (SeedMessenger s = new SeedMessenger(seed).enter()) {
      for (int i = 0; i < steps; i++) {
        svi.step(data);
      }
    }
    return store;
  }

  /** Mean of {@code n} guide draws of a site, element by element. */
  private static <A> double[] drawMean(AutoGuide<A> guide, ParamStore store, A data, String site,
      int n) {
    double[] sum = null;
    RandomStream rng = new RandomStream(11);
    try (ParamStore.Activation a = store.activate(); StepScope scope = StepScope.open()) {
      for (int i = 0; i < n; i++) {
        double[] v = guide.draw(data, rng).get(site).value().toDoubleVector();
        if (sum == null) {
          sum = new double[v.length];
        }
        for (int j = 0; j < v.length; j++) {
          sum[j] += v[j] / n;
        }
      }
    }
    return sum;
  }

  /** z ~ N([0, 0.5], precision 0.1), x_i ~ N(z, precision [6, 4]): a Normal posterior. */
  @Test
  void autoNormalReachesANormalPosteriorExactly() {
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
    AutoNormal<Tensor> guide = new AutoNormal<>(model);
    ParamStore store = fit(model, guide, x, 300, 0.1, 0.985, 0);
    double[] loc = store.constrained("AutoNormal.locs.z").toDoubleVector();
    double[] scale = store.constrained("AutoNormal.scales.z").toDoubleVector();
    // precision 0.1 + 4τ, mean (0.1 μ0 + τ Σx) / precision
    double[] tau = {6, 4};
    double[] mu0 = {0, 0.5};
    double[] sumX = {0.2, 1.9};
    for (int i = 0; i < 2; i++) {
      double precision = 0.1 + 4 * tau[i];
      assertEquals((0.1 * mu0[i] + tau[i] * sumX[i]) / precision, loc[i], 0.05, "loc " + i);
      assertEquals(-0.5 * Math.log(precision), Math.log(scale[i]), 0.08, "log scale " + i);
    }
  }

  private static Tensor flips() {
    return Tensor.constant(Nd4j.createFromArray(0.0, 1, 1, 1).reshape(1, 4).repeat(0, PARTICLES));
  }

  private static Function<Tensor, Object> betaBernoulli() {
    return obs -> {
      Tensor p = sample("p", new Beta(c(1), c(1)));
      try (PlateMessenger rows = plate("rows", 4, ElboTesting.range(4), -1)) {
        sample("x", Bernoulli.probs(p), obs);
      }
      return null;
    };
  }

  /** p ~ Beta(1, 1), flips [0, 1, 1, 1]: the posterior Beta(4, 2) has mean 2/3. */
  @Test
  void autoNormalOnTheUnitIntervalMatchesTheBetaPosteriorMean() {
    Function<Tensor, Object> model = betaBernoulli();
    AutoNormal<Tensor> guide = new AutoNormal<>(model);
    ParamStore store = fit(model, guide, flips(), 400, 0.1, 0.99, 1);
    double mean = drawMean(guide, store, flips(), "p", 4000)[0];
    assertEquals(4.0 / 6.0, mean, 0.02, "posterior mean of p");
  }

  /** λ ~ Gamma(3, 1), counts [2, 4, 3, 5]: posterior Gamma(17, 5), mode 16/5. */
  @Test
  void autoDeltaReachesTheGammaPoissonMode() {
    Tensor counts = Tensor.constant(Nd4j.createFromArray(2.0, 4, 3, 5));
    Function<Tensor, Object> model = obs -> {
      Tensor rate = sample("rate", new Gamma(c(3), c(1)));
      try (PlateMessenger rows = plate("rows", 4, ElboTesting.range(4), -1)) {
        sample("k", new Poisson(rate), obs);
      }
      return null;
    };
    AutoDelta<Tensor> guide = new AutoDelta<>(model);
    ParamStore store = new ParamStore();
    Svi<Tensor> svi = new Svi<>(model, guide, new TraceElbo(1), new ClippedAdam(0.05, 10, 1.0),
        store);
    for (int i = 0; i < 1500; i++) {
      svi.step(counts);
    }
    assertEquals(16.0 / 5.0, store.constrained("AutoDelta.locs.rate").getDouble(0), 1e-3);
  }

  private static Function<Tensor, Object> dirichletCategorical() {
    return obs -> {
      Tensor probs = sample("probs", new Dirichlet(c(2, 2, 2)));
      try (PlateMessenger rows = plate("rows", 5, ElboTesting.range(5), -1)) {
        sample("k", Categorical.probs(probs), obs);
      }
      return null;
    };
  }

  /** π ~ Dirichlet(2, 2, 2), draws [0, 0, 1, 2, 0]: posterior Dirichlet(5, 3, 3), mode (4, 2, 2)/8. */
  @Test
  void autoDeltaReachesTheDirichletMode() {
    Tensor draws = Tensor.constant(Nd4j.createFromArray(0.0, 0, 1, 2, 0));
    Function<Tensor, Object> model = dirichletCategorical();
    AutoDelta<Tensor> guide = new AutoDelta<>(model);
    ParamStore store = new ParamStore();
    Svi<Tensor> svi = new Svi<>(model, guide, new TraceElbo(1), new ClippedAdam(0.05, 10, 1.0),
        store);
    for (int i = 0; i < 1500; i++) {
      svi.step(draws);
    }
    double[] mode = store.constrained("AutoDelta.locs.probs").toDoubleVector();
    double[] expected = {0.5, 0.25, 0.25};
    for (int i = 0; i < 3; i++) {
      assertEquals(expected[i], mode[i], 1e-3, "mode " + i);
    }
  }

  /** The same posterior through stick-breaking: the draws' mean is near (5, 3, 3)/11. */
  @Test
  void autoNormalOnTheSimplexMatchesTheDirichletPosteriorMean() {
    Tensor draws = Tensor.constant(Nd4j.createFromArray(0.0, 0, 1, 2, 0).reshape(1, 5)
        .repeat(0, PARTICLES));
    Function<Tensor, Object> model = dirichletCategorical();
    AutoNormal<Tensor> guide = new AutoNormal<>(model);
    ParamStore store = fit(model, guide, draws, 400, 0.1, 0.99, 2);
    double[] mean = drawMean(guide, store, draws, "probs", 4000);
    double[] expected = {5.0 / 11, 3.0 / 11, 3.0 / 11};
    for (int i = 0; i < 3; i++) {
      assertEquals(expected[i], mean[i], 0.02, "posterior mean " + i);
    }
  }

  @Test
  void aDiscreteLatentSiteIsRefusedByName() {
    Function<Tensor, Object> model = obs -> sample("coin", Bernoulli.probs(c(0.5)));
    AutoNormal<Tensor> guide = new AutoNormal<>(model);
    ParamStore store = new ParamStore();
    try (ParamStore.Activation a = store.activate(); StepScope scope = StepScope.open()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> guide.apply(null));
      assertTrue(e.getMessage().contains("'coin'") && e.getMessage().contains("discrete"),
          e.getMessage());
    }
  }

  @Test
  void theMedianOfAnAutoNormalIsTheBijectionOfItsLocation() {
    Function<Tensor, Object> model = betaBernoulli();
    AutoNormal<Tensor> guide = new AutoNormal<>(model);
    ParamStore store = new ParamStore();
    try (ParamStore.Activation a = store.activate(); StepScope scope = StepScope.open()) {
      Map<String, Tensor> median = guide.median(flips());
      assertEquals(0.5, median.get("p").item(), 1e-12);
    }
  }
}
