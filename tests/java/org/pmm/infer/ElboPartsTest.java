package org.pmm.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmm.Pmm.param;
import static org.pmm.Pmm.plate;
import static org.pmm.Pmm.sample;
import static org.pmm.infer.ElboTesting.c;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.distributions.Normal;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.handlers.PlateMessenger;
import org.pmm.handlers.SeedMessenger;
import org.pmm.optim.Sgd;
import org.pmm.params.ParamStore;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;

/**
 * The parts of −ELBO ({@link ElboResult#parts()}) on a conjugate model: z ~ N(μ0, σ0²), four
 * observations x_i ~ N(z, σ²), guide q(z) = N(m, s²). Expected values are written out from the
 * Normal densities: KL(q ‖ p) = log(σ0/s) + (s² + (m − μ0)²)/(2σ0²) − ½, and E_q[−log p(x|z)]
 * = Σ_i ½ log 2πσ² + ((x_i − m)² + s²)/(2σ²).
 */
class ElboPartsTest {
  private static final double[] X = {0.9, 1.4, 0.2, 1.1};
  private static final double MU0 = 0.5;
  private static final double SIGMA0 = 2.0;
  private static final double SIGMA = 0.7;
  private static final double M = 0.3;
  private static final double S = 0.4;
  private static final double BETA = 0.3;

  /** The guide's draws of z in the order it made them (scalars; one per sequential particle). */
  private final List<Double> draws = new ArrayList<>();

  private static Object model(Tensor x) {
    Tensor z = sample("z", new Normal(c(MU0), c(SIGMA0)));
    try (PlateMessenger rows = plate("rows", X.length, ElboTesting.range(X.length), -1)) {
      sample("x", new Normal(z, c(SIGMA)), x);
    }
    return null;
  }

  private Object guide(Tensor x) {
    Tensor m = param("m", () -> Nd4j.createFromArray(M));
    Tensor s = param("s", () -> Nd4j.createFromArray(S), Constraints.positive());
    Tensor z = sample("z", new Normal(m, s));
    if (z.length() == 1) {
      draws.add(z.item());
    }
    return z;
  }

  private static double logNormal(double v, double mean, double sd) {
    return -0.5 * Math.log(2 * Math.PI * sd * sd) - (v - mean) * (v - mean) / (2 * sd * sd);
  }

  private static double closedFormKl() {
    return Math.log(SIGMA0 / S) + (S * S + (M - MU0) * (M - MU0)) / (2 * SIGMA0 * SIGMA0) - 0.5;
  }

  /** −log p(x | z) at one value of z. */
  private static double nllAt(double z) {
    double nll = 0;
    for (double x : X) {
      nll -= logNormal(x, z, SIGMA);
    }
    return nll;
  }

  private ElboResult evaluate(Elbo elbo, long seed) {
    draws.clear();
    Function<Tensor, Object> model = ElboPartsTest::model;
    Function<Tensor, Object> guide = this::guide;
    try (ParamStore.Activation a = new ParamStore().activate();
        SeedMessenger s = new SeedMessenger(seed).enter();
        StepScope scope = StepScope.open()) {
      return elbo.loss(model, guide, c(X));
    }
  }

  private static void assertPartsSumToLoss(ElboResult r) {
    double sum = r.parts().values().stream().mapToDouble(Double::doubleValue).sum();
    assertEquals(r.loss(), sum, 1e-9 * Math.max(1, Math.abs(r.loss())), "parts " + r.parts());
  }

  /** Analytic KL: kl_beta is β·KL(q ‖ p) exactly, nll the likelihood at the guide's draw. */
  @Test
  void annealedMeanFieldSplitsIntoNllAtTheDrawAndBetaTimesTheClosedFormKl() {
    for (long seed = 0; seed < 3; seed++) {
      ElboResult r = evaluate(new AnnealedElbo(new MeanFieldElbo(1), KlSchedule.constant(BETA)),
          seed);
      assertEquals(List.of(ElboResult.NLL, ElboResult.KL_BETA), List.copyOf(r.parts().keySet()));
      assertEquals(BETA * closedFormKl(), r.parts().get(ElboResult.KL_BETA), 1e-9, "seed " + seed);
      assertEquals(nllAt(draws.get(0)), r.parts().get(ElboResult.NLL), 1e-9, "seed " + seed);
      assertPartsSumToLoss(r);
    }
  }

  /** Without annealing the latent part is the unweighted KL, named kl. */
  @Test
  void meanFieldWithoutAnnealingNamesItsLatentPartKl() {
    ElboResult r = evaluate(new MeanFieldElbo(1), 4);
    assertEquals(List.of(ElboResult.NLL, ElboResult.KL), List.copyOf(r.parts().keySet()));
    assertEquals(closedFormKl(), r.parts().get(ElboResult.KL), 1e-9);
    assertPartsSumToLoss(r);
  }

  /**
   * Sampling estimators: at one draw z, nll = −log p(x|z) and kl_beta = β·(log q(z) − log p(z)),
   * for Trace_ELBO and TraceGraph_ELBO alike.
   */
  @Test
  void annealedTraceSplitsIntoNllAndBetaTimesLogQMinusLogPAtTheDraw() {
    for (Elbo base : new Elbo[] {new TraceElbo(1), new TraceGraphElbo(1)}) {
      for (long seed = 0; seed < 3; seed++) {
        ElboResult r = evaluate(new AnnealedElbo(base, KlSchedule.constant(BETA)), seed);
        double z = draws.get(0);
        double latent = logNormal(z, M, S) - logNormal(z, MU0, SIGMA0);
        String where = base.name() + ", seed " + seed;
        assertEquals(List.of(ElboResult.NLL, ElboResult.KL_BETA), List.copyOf(r.parts().keySet()),
            where);
        assertEquals(nllAt(z), r.parts().get(ElboResult.NLL), 1e-9, where);
        assertEquals(BETA * latent, r.parts().get(ElboResult.KL_BETA), 1e-9, where);
        assertPartsSumToLoss(r);
      }
    }
  }

  /** Sequential particles: each part is the mean of the particles' parts. */
  @Test
  void particlesAverageTheirParts() {
    ElboResult r = evaluate(new TraceElbo(3), 7);
    assertEquals(3, draws.size());
    double nll = 0;
    double latent = 0;
    for (double z : draws) {
      nll += nllAt(z) / 3;
      latent += (logNormal(z, M, S) - logNormal(z, MU0, SIGMA0)) / 3;
    }
    assertEquals(nll, r.parts().get(ElboResult.NLL), 1e-9);
    assertEquals(latent, r.parts().get(ElboResult.KL), 1e-9);
    assertPartsSumToLoss(r);
  }

  /**
   * 4,000 vectorised particles of annealed Trace_ELBO: the parts' means are the closed forms to
   * within four standard errors, computed from the parts' exact variances under q. With
   * z = m + sε: −log p(x|z) = const + n(z − x̄)²/2σ², whose variance is (n/2σ²)²·(2s⁴ + 4a²s²),
   * a = m − x̄; log q − log p = const + (s²/2σ0² − ½)ε² + s(m − μ0)/σ0²·ε, whose variance is
   * 2(s²/2σ0² − ½)² + s²(m − μ0)²/σ0⁴.
   */
  @Test
  void vectorisedTraceMeansOfThePartsAreTheClosedForms() {
    int k = 4000;
    ElboResult r = evaluate(new AnnealedElbo(new TraceElbo(k, true), KlSchedule.constant(BETA)), 11);
    double n = X.length;
    double mean = 0;
    double expectedNll = 0;
    for (double x : X) {
      mean += x / n;
      expectedNll += 0.5 * Math.log(2 * Math.PI * SIGMA * SIGMA)
          + ((x - M) * (x - M) + S * S) / (2 * SIGMA * SIGMA);
    }
    double a = M - mean;
    double nllSd = n / (2 * SIGMA * SIGMA) * Math.sqrt(2 * Math.pow(S, 4) + 4 * a * a * S * S);
    double quadratic = S * S / (2 * SIGMA0 * SIGMA0) - 0.5;
    double klSd = Math.sqrt(2 * quadratic * quadratic
        + S * S * (M - MU0) * (M - MU0) / Math.pow(SIGMA0, 4));
    assertEquals(expectedNll, r.parts().get(ElboResult.NLL), 4 * nllSd / Math.sqrt(k));
    assertEquals(BETA * closedFormKl(), r.parts().get(ElboResult.KL_BETA),
        4 * BETA * klSd / Math.sqrt(k));
    assertPartsSumToLoss(r);
  }

  /** A penalty is its own part: λ·m² for an L2 penalty on the location. */
  @Test
  void aPenaltyIsItsOwnPart() {
    double lambda = 0.1;
    ElboResult r = evaluate(new PenalisedElbo(new MeanFieldElbo(1),
        ElboPenalty.l2(lambda, name -> name.equals("m"))), 2);
    assertEquals(List.of(ElboResult.NLL, ElboResult.KL, ElboResult.PENALTY),
        List.copyOf(r.parts().keySet()));
    assertEquals(lambda * M * M, r.parts().get(ElboResult.PENALTY), 1e-12);
    assertEquals(closedFormKl(), r.parts().get(ElboResult.KL), 1e-9);
    assertPartsSumToLoss(r);
  }

  /** The importance-weighted and Rényi bounds are not sums over sites: no parts. */
  @Test
  void boundsThatAreNotSumsHaveNoParts() {
    assertTrue(evaluate(new IwaeElbo(4), 0).parts().isEmpty());
    assertTrue(evaluate(new RenyiElbo(0.5, 4), 0).parts().isEmpty());
    assertTrue(evaluate(new PenalisedElbo(new IwaeElbo(4),
        ElboPenalty.l2(0.1, name -> true)), 0).parts().isEmpty(), "a penalty alone is no split");
  }

  /**
   * SVI keeps the ELBO objective's parts of the last step (before its update), and none for an
   * objective without parts.
   */
  @Test
  void sviKeepsTheLastPartsOfEachObjective() {
    Function<Tensor, Object> model = ElboPartsTest::model;
    Function<Tensor, Object> guide = this::guide;
    Svi<Tensor> svi = Svi.<Tensor>builder(new ParamStore())
        .objective("fusion", Svi.elbo(model, guide,
            new AnnealedElbo(new MeanFieldElbo(1), KlSchedule.constant(BETA))))
        .objective("other", (x, step) -> Svi.Loss.of(c(0.25).sum()))
        .group(name -> true, new Sgd(0.01))
        .seed(3)
        .build();
    svi.step(c(X), 0);
    Map<String, Map<String, Double>> parts = svi.lastLossParts();
    assertEquals(List.of("fusion"), List.copyOf(parts.keySet()));
    Map<String, Double> fusion = parts.get("fusion");
    assertEquals(BETA * closedFormKl(), fusion.get(ElboResult.KL_BETA), 1e-9);
    assertEquals(nllAt(draws.get(draws.size() - 1)), fusion.get(ElboResult.NLL), 1e-9);
    assertEquals(svi.lastLosses().get("fusion"),
        fusion.get(ElboResult.NLL) + fusion.get(ElboResult.KL_BETA), 1e-9);
  }
}
