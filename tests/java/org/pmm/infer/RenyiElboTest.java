package org.pmm.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmm.Pmm.param;
import static org.pmm.Pmm.sample;
import static org.pmm.infer.ElboTesting.c;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.distributions.Normal;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.handlers.SeedMessenger;
import org.pmm.params.ParamStore;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;

/**
 * Rényi and importance-weighted bounds on z ~ N(0, 1), x ~ N(z, 1), x = 1, guide N(μ, s): log-mean-
 * exp of the particles' log-weights, the self-normalised gradient, and the bound's position
 * between the ELBO and log p(x) = log N(1; 0, √2).
 */
class RenyiElboTest {
  private static final double MU = 0.3;
  private static final double S = 0.9;
  private static final Function<Tensor, Object> MODEL = x -> {
    Tensor z = sample("z", new Normal(c(0.0), c(1.0)));
    return sample("x", new Normal(z, c(1.0)), x);
  };
  private static final Function<Tensor, Object> GUIDE = x -> {
    Tensor loc = param("loc", () -> Nd4j.createFromArray(MU));
    Tensor scale = param("scale", () -> Nd4j.createFromArray(S), Constraints.positive());
    return sample("z", new Normal(loc, scale));
  };

  private static double logNormal(double x, double mean, double sd) {
    return -0.5 * Math.pow((x - mean) / sd, 2) - Math.log(sd) - 0.5 * Math.log(2 * Math.PI);
  }

  /** The draws of K particles run one after the other under {@code seed}. */
  private static double[] draws(ParamStore store, long seed, int k) {
    double[] z = new double[k];
    try (ParamStore.Activation a = store.activate();
        SeedMessenger s = new SeedMessenger(seed).enter();
        StepScope scope = StepScope.open()) {
      for (int i = 0; i < k; i++) {
        z[i] = Elbo.run(MODEL, GUIDE, c(1.0)).guide().site("z").value().value().getDouble(0);
      }
    }
    return z;
  }

  @Test
  void boundAndGradientMatchTheirFormulas() {
    int k = 5;
    for (double alpha : new double[] {0.0, 0.5, -1.0}) {
      Elbo elbo = alpha == 0.0 ? new IwaeElbo(k) : new RenyiElbo(alpha, k);
      ParamStore store = new ParamStore();
      ElboTesting.Evaluation e = ElboTesting.evaluate(elbo, MODEL, GUIDE, c(1.0), store, 11);
      double[] z = draws(store, 11, k);
      double[] scaled = new double[k];
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < k; i++) {
        double logWeight = logNormal(z[i], 0, 1) + logNormal(1.0, z[i], 1) - logNormal(z[i], MU, S);
        scaled[i] = (1 - alpha) * logWeight;
        max = Math.max(max, scaled[i]);
      }
      double sum = 0;
      for (double v : scaled) {
        sum += Math.exp(v - max);
      }
      double logSumExp = max + Math.log(sum);
      double bound = (logSumExp - Math.log(k)) / (1 - alpha);
      assertEquals(-bound, e.loss(), 1e-9, "bound, α = " + alpha);
      // z = μ + s·ε: d log w / dμ = −z + (1 − z) (log q is constant along the path)
      double gradLoc = 0;
      for (int i = 0; i < k; i++) {
        gradLoc -= Math.exp(scaled[i] - logSumExp) * (1 - 2 * z[i]);
      }
      assertEquals(gradLoc, e.gradient("loc")[0], 1e-9, "d/dμ, α = " + alpha);
    }
  }

  @Test
  void oneParticleIsTheElbo() {
    ParamStore store = new ParamStore();
    for (long seed = 0; seed < 3; seed++) {
      double renyi = ElboTesting.evaluate(new RenyiElbo(0.5, 1), MODEL, GUIDE, c(1.0), store, seed)
          .loss();
      double trace = ElboTesting.evaluate(new TraceElbo(1), MODEL, GUIDE, c(1.0), store, seed).loss();
      assertEquals(trace, renyi, 1e-12);
    }
  }

  @Test
  void importanceWeightedBoundLiesBetweenElboAndEvidence() {
    double elbo = logNormal(0, 0, 1) - 0.5 * (MU * MU + S * S) // E log N(z; 0, 1)
        + logNormal(0, 0, 1) - 0.5 * ((1 - MU) * (1 - MU) + S * S) // E log N(1; z, 1)
        + 0.5 * Math.log(2 * Math.PI * Math.E * S * S); // entropy of q
    double evidence = logNormal(1.0, 0, Math.sqrt(2));
    int runs = 60;
    double sum = 0;
    double sumSquares = 0;
    ParamStore store = new ParamStore();
    for (int r = 0; r < runs; r++) {
      double loss = ElboTesting.evaluate(new IwaeElbo(8), MODEL, GUIDE, c(1.0), store, 100 + r)
          .loss();
      sum += loss;
      sumSquares += loss * loss;
    }
    double mean = sum / runs;
    double se = Math.sqrt((sumSquares - runs * mean * mean) / (runs - 1) / runs);
    assertTrue(mean < -elbo - 3 * se, "IWAE-8 loss " + mean + " ± " + se + " below −ELBO " + -elbo);
    assertTrue(mean > -evidence - 3 * se,
        "IWAE-8 loss " + mean + " ± " + se + " above −log p(x) " + -evidence);
  }

  @Test
  void orderOneIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new RenyiElbo(1.0, 4));
  }
}
