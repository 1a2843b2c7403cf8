package org.pmm.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmm.Pmm.param;
import static org.pmm.Pmm.plate;
import static org.pmm.Pmm.sample;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.distributions.Bernoulli;
import org.pmm.distributions.Beta;
import org.pmm.distributions.Independent;
import org.pmm.distributions.Normal;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.handlers.PlateMessenger;
import org.pmm.handlers.SeedMessenger;
import org.pmm.optim.ClippedAdam;
import org.pmm.params.ParamStore;
import org.pmm.tensor.Tensor;

/** SVI reaches the analytic posteriors of conjugate models. */
class ConjugateTest {

  private static Tensor c(double... v) {
    return Tensor.constant(Nd4j.createFromArray(v));
  }

  /**
   * z ~ N([0, 0.5], precision 0.1), x_i ~ N(z, precision [6, 4]), four rows: the posterior is
   * Normal with precision 0.1 + 4·τ and mean (0.1·μ0 + τ·Σx) / precision.
   */
  @Test
  void normalNormalReachesThePosterior() {
    double[][] data = {{-0.1, 0.3}, {0, 0.4}, {0.2, 0.5}, {0.1, 0.7}};
    Tensor x = Tensor.constant(Nd4j.createFromArray(data));
    Tensor priorScale = c(1 / Math.sqrt(0.1), 1 / Math.sqrt(0.1));
    Tensor likScale = c(1 / Math.sqrt(6), 1 / Math.sqrt(4));
    java.util.function.Function<Tensor, Object> model = obs -> {
      Tensor z = sample("z", Independent.of(new Normal(c(0, 0.5), priorScale), 1));
      try (PlateMessenger p = plate("rows", 4)) {
        sample("x", Independent.of(new Normal(z, likScale), 1), obs);
      }
      return null;
    };
    java.util.function.Function<Tensor, Object> guide = obs -> {
      Tensor loc = param("loc", () -> Nd4j.zeros(DataType.DOUBLE, 2));
      Tensor scale = param("scale", () -> Nd4j.ones(DataType.DOUBLE, 2), Constraints.positive());
      return sample("z", Independent.of(new Normal(loc, scale), 1));
    };
    ParamStore store = new ParamStore();
    Svi<Tensor> svi = new Svi<>(model, guide, new TraceElbo(1),
        new ClippedAdam(0.02, 10, 0.9995), store);
    try (SeedMessenger s = new SeedMessenger(0).enter()) {
      for (int i = 0; i < 5000; i++) {
        svi.step(x);
      }
    }
    double[] loc = store.constrained("loc").toDoubleVector();
    double[] scale = store.constrained("scale").toDoubleVector();
    double[] expectedLoc = {0.0497925, 0.4751553};
    double[] expectedLogScale = {-1.5911059, -1.3894096};
    double sse = 0;
    for (int i = 0; i < 2; i++) {
      sse += Math.pow(loc[i] - expectedLoc[i], 2) + Math.pow(Math.log(scale[i]) - expectedLogScale[i], 2);
    }
    final double error = sse;
    assertTrue(error <= 0.05, () -> "sum of squared errors " + error + ": loc "
        + java.util.Arrays.toString(loc) + " scale " + java.util.Arrays.toString(scale));
  }

  /** p ~ Beta(1, 1), data [0, 1, 1, 1]: the posterior is Beta(4, 2). */
  @Test
  void betaBernoulliReachesThePosterior() {
    Tensor data = c(0, 1, 1, 1);
    java.util.function.Function<Tensor, Object> model = obs -> {
      Tensor p = sample("p", new Beta(c(1), c(1)));
      try (PlateMessenger rows = plate("rows", 4)) {
        sample("x", Bernoulli.probs(p), obs);
      }
      return null;
    };
    java.util.function.Function<Tensor, Object> guide = obs -> {
      Tensor a = param("alpha", () -> Nd4j.createFromArray(1.0), Constraints.positive());
      Tensor b = param("beta", () -> Nd4j.createFromArray(1.0), Constraints.positive());
      return sample("p", new Beta(a, b));
    };
    ParamStore store = new ParamStore();
    // The ELBO is flat along α = β·const, so a larger step that decays to ~0.0005 is needed.
    Svi<Tensor> svi = new Svi<>(model, guide, new TraceElbo(4),
        new ClippedAdam(0.05, 10, 0.9993), store);
    try (SeedMessenger s = new SeedMessenger(1).enter()) {
      for (int i = 0; i < 5000; i++) {
        svi.step(data);
      }
    }
    assertEquals(Math.log(4), Math.log(store.constrained("alpha").getDouble(0)), 0.08);
    assertEquals(Math.log(2), Math.log(store.constrained("beta").getDouble(0)), 0.08);
  }
}
