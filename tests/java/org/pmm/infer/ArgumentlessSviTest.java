package org.pmm.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmm.Pmm.param;
import static org.pmm.Pmm.plate;
import static org.pmm.Pmm.sample;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.Pmm;
import org.pmm.distributions.Bernoulli;
import org.pmm.distributions.Beta;
import org.pmm.distributions.Delta;
import org.pmm.distributions.Normal;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.handlers.PlateMessenger;
import org.pmm.handlers.SeedMessenger;
import org.pmm.handlers.Trace;
import org.pmm.optim.ClippedAdam;
import org.pmm.optim.Sgd;
import org.pmm.params.ParamStore;
import org.pmm.tensor.Tensor;

/**
 * Models and guides without arguments, as a Pyro user writes {@code def model():}: traced with
 * {@code Pmm.trace(Runnable)} or {@code Pmm.trace(Supplier)}, and trained with {@code new
 * Svi<>(model, guide, ...)} and {@code svi.step()}.
 */
class ArgumentlessSviTest {
  private static final Tensor FLIPS = Tensor.constant(Nd4j.createFromArray(0.0, 1.0, 1.0, 1.0));

  private static void model() {
    Tensor p = sample("p", new Beta(1, 1));
    try (PlateMessenger tosses = plate("tosses", 4)) {
      sample("flips", Bernoulli.probs(p), FLIPS);
    }
  }

  private static void guide() {
    Tensor a = param("alpha", 1.0, Constraints.positive());
    Tensor b = param("beta", 1.0, Constraints.positive());
    sample("p", new Beta(a, b));
  }

  /**
   * Beta(1, 1) prior, flips [0, 1, 1, 1]: the posterior is Beta(4, 2), mean 4/6, and the guide's
   * family holds it, so the ELBO's optimum is the posterior itself. What is left after training
   * is the noise of single-draw gradients; with the learning rate decayed and the guide's mean
   * averaged over the last 1000 of 2000 steps it stayed within 0.01 for seeds 1 to 7, below
   * the tolerance of 0.02 (a ninth of the
   * posterior's standard deviation 0.18), which still tells the posterior mean apart from every
   * nearby wrong answer: the maximum-likelihood 3/4, the prior's 1/2, flipped data's 1/3.
   */
  @Test
  void argumentlessBetaBernoulliReachesThePosteriorMean() {
    ParamStore store = new ParamStore();
    Svi<Void> svi = new Svi<>(ArgumentlessSviTest::model, ArgumentlessSviTest::guide,
        Elbos.create("trace"), new ClippedAdam(0.05, 10, 0.9995), store);
    int steps = 2000;
    int averaged = 1000;
    double meanSum = 0;
    double concentrationSum = 0;
    try (SeedMessenger seed = Pmm.seed(7).enter()) {
      for (int i = 0; i < steps; i++) {
        assertTrue(Double.isFinite(svi.step()));
        if (i >= steps - averaged) {
          double a = store.constrained("alpha").getDouble(0);
          double b = store.constrained("beta").getDouble(0);
          meanSum += a / (a + b);
          concentrationSum += a + b;
        }
      }
    }
    assertEquals(4.0 / 6.0, meanSum / averaged, 0.02);
    // a + b sets the spread; 6 for the posterior, 2 for the initial guide and the prior
    assertEquals(6.0, concentrationSum / averaged, 1.0);
  }

  /**
   * Model and guide that return their draws (the Supplier form): a point-mass guide at loc
   * against a N(0, 1) prior has loss −log N(loc; 0, 1) = loc²/2 + ½ log 2π and gradient loc, so
   * one SGD step of rate 0.1 takes loc from 0.5 to 0.45.
   */
  @Test
  void modelsThatReturnTheirDrawsTakeTheSupplierForm() {
    ParamStore store = new ParamStore();
    Svi<Void> svi = new Svi<>(() -> sample("z", new Normal(0.0, 1.0)),
        () -> sample("z", new Delta(param("loc", 0.5))), new TraceElbo(1), new Sgd(0.1), store);
    double loss = svi.step();
    assertEquals(0.125 + 0.5 * Math.log(2 * Math.PI), loss, 1e-12);
    assertEquals(0.45, store.constrained("loc").getDouble(0), 1e-12);
  }

  @Test
  void tracesOfArgumentlessModels() {
    Trace fromRunnable = Pmm.trace(ArgumentlessSviTest::model);
    assertTrue(fromRunnable.contains("p") && fromRunnable.contains("flips"));
    double p = fromRunnable.site("p").value().item();
    // Beta(1, 1) has density 1, so the joint is the likelihood p³ (1 − p)
    assertEquals(3 * Math.log(p) + Math.log1p(-p), fromRunnable.logProbSum().item(), 1e-9);

    Tensor observed = Tensor.constant(Nd4j.scalar(0.5));
    Trace fromSupplier = Pmm.trace(() -> sample("x", new Normal(0.0, 2.0), observed));
    assertEquals(-0.5 * 0.0625 - Math.log(2) - 0.5 * Math.log(2 * Math.PI),
        fromSupplier.logProbSum().item(), 1e-12);
  }
}
