package org.pmm.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.pmm.Pmm.param;
import static org.pmm.Pmm.plate;
import static org.pmm.Pmm.sample;
import static org.pmm.infer.ElboTesting.c;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.distributions.Laplace;
import org.pmm.distributions.Normal;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.distributions.kl.KL;
import org.pmm.handlers.PlateMessenger;
import org.pmm.handlers.SeedMessenger;
import org.pmm.params.ParamStore;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;

/** KL annealing over trace, tracegraph and meanfield; the linear schedule. */
class AnnealedElboTest {
  private static final double[] X = {0.4, -0.3, 1.2, 0.8};
  private static final long[] ROWS = {1, 3};

  /** w ~ Laplace(0, 1) global; rows subsampled (2 of 4, scale 2): x_r ~ Normal(w, 0.5). */
  private static Object model(Tensor x) {
    Tensor w = sample("w", new Laplace(c(0.0), c(1.0)));
    try (PlateMessenger rows = plate("rows", 4, ROWS, -1)) {
      sample("x", new Normal(w, c(0.5)), x);
    }
    return null;
  }

  private static Object guide(Tensor x) {
    Tensor loc = param("loc", () -> Nd4j.createFromArray(0.3));
    Tensor scale = param("scale", () -> Nd4j.createFromArray(0.4), Constraints.positive());
    sample("w", new Laplace(loc, scale));
    return null;
  }

  @Test
  void annealedLossIsLikelihoodPlusBetaTimesLatentTerms() {
    Function<Tensor, Object> model = AnnealedElboTest::model;
    Function<Tensor, Object> guide = AnnealedElboTest::guide;
    Tensor x = c(X[1], X[3]);
    double beta = 0.3;
    ParamStore store = new ParamStore();
    for (long seed = 0; seed < 3; seed++) {
      double loglik;
      double latent;
      double kl;
      try (ParamStore.Activation a = store.activate();
          SeedMessenger s = new SeedMessenger(seed).enter();
          StepScope scope = StepScope.open()) {
        Elbo.Particle p = Elbo.run(model, guide, x);
        loglik = p.model().site("x").logProbSum().item();
        latent = p.model().site("w").logProbSum().item() - p.guide().site("w").logProbSum().item();
        kl = KL.divergence(p.guide().site("w").distribution(), p.model().site("w").distribution())
            .sum().item();
      }
      for (Elbo base : new Elbo[] {new TraceElbo(1), new TraceGraphElbo(1)}) {
        double annealed = ElboTesting.evaluate(new AnnealedElbo(base, KlSchedule.constant(beta)),
            model, guide, x, store, seed).loss();
        assertEquals(-(loglik + beta * latent), annealed, 1e-12, base.name());
      }
      double meanField = ElboTesting.evaluate(
          new AnnealedElbo(new MeanFieldElbo(1), KlSchedule.constant(beta)), model, guide, x, store,
          seed).loss();
      assertEquals(-(loglik - beta * kl), meanField, 1e-12, "meanfield");
    }
  }

  @Test
  void linearScheduleRisesFromLambdaToOne() {
    KlSchedule s = KlSchedule.linear(0.2, 100);
    assertEquals(0.2, s.beta(0), 1e-15);
    assertEquals(0.6, s.beta(50), 1e-15);
    assertEquals(0.992, s.beta(99), 1e-15);
    assertEquals(1.0, s.beta(100), 0.0);
    assertEquals(1.0, s.beta(10_000), 0.0);
    AnnealedElbo annealed = assertInstanceOf(AnnealedElbo.class,
        Elbos.create("annealed-tracegraph", 0.2, 100));
    annealed.setStep(25);
    assertEquals(0.4, annealed.beta(), 1e-15);
    annealed.setStep(100);
    assertEquals(1.0, annealed.beta(), 0.0);
  }
}
