package org.pmm.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmm.Pmm.param;
import static org.pmm.Pmm.plate;
import static org.pmm.Pmm.sample;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.distributions.Bernoulli;
import org.pmm.distributions.Normal;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.handlers.PlateMessenger;
import org.pmm.params.ParamStore;
import org.pmm.tensor.Tensor;

/**
 * Trace_ELBO with vectorised particles (Pyro's {@code vectorize_particles=True}) on a
 * Normal-Normal model whose ELBO has a closed form, μ ~ N(m₀, s₀), x_i | μ ~ N(μ, σ) in a plate
 * of 3, guide μ ~ N(loc, scale): one pass must give the mean of its K particles' ELBOs, the
 * same expectation as K sequential particles and the closed form, and the gradient of what it
 * computes.
 */
class VectorizedParticlesTest {
  private static final double M0 = 0.3;
  private static final double S0 = 1.5;
  private static final double SIGMA = 0.8;
  private static final double[] X = {1.2, 0.4, 2.1};
  private static final double LOC = 0.5;
  private static final double SCALE = 0.7;
  private static final int K = 8;

  /**
   * The model's μ as the (replayed) model saw it in its latest pass, [K, 1] in a vectorised
   * one; a copy, since the step releases the tensor's own buffer.
   */
  private final AtomicReference<INDArray> mu = new AtomicReference<>();

  private static Tensor k(double v) {
    return Tensor.constant(Nd4j.scalar(DataType.DOUBLE, v));
  }

  private Object model(Tensor x) {
    Tensor m = sample("mu", new Normal(M0, S0));
    mu.set(m.value().dup());
    try (PlateMessenger data = plate("data", X.length)) {
      sample("x", new Normal(m, k(SIGMA)), x);
    }
    return null;
  }

  private static Object guide(Tensor x) {
    Tensor loc = param("loc", LOC);
    Tensor scale = param("scale", SCALE, Constraints.positive());
    return sample("mu", new Normal(loc, scale));
  }

  private static double logNormal(double x, double mean, double sd) {
    double z = (x - mean) / sd;
    return -0.5 * z * z - Math.log(sd) - 0.5 * Math.log(2 * Math.PI);
  }

  /** log p(μ) + Σ log p(x_i | μ) − log q(μ) at one draw. */
  private static double elboAt(double m) {
    double f = logNormal(m, M0, S0) - logNormal(m, LOC, SCALE);
    for (double x : X) {
      f += logNormal(x, m, SIGMA);
    }
    return f;
  }

  /** −ELBO in closed form: Gaussian expectations of the log-densities, plus q's entropy. */
  private static double closedFormLoss() {
    double v = SCALE * SCALE;
    double elbo = -0.5 * Math.log(2 * Math.PI * S0 * S0)
        - ((LOC - M0) * (LOC - M0) + v) / (2 * S0 * S0);
    for (double x : X) {
      elbo += -0.5 * Math.log(2 * Math.PI * SIGMA * SIGMA)
          - ((x - LOC) * (x - LOC) + v) / (2 * SIGMA * SIGMA);
    }
    elbo += 0.5 * Math.log(2 * Math.PI * Math.E * v);
    return -elbo;
  }

  /** d(−ELBO)/d loc in closed form. */
  private static double closedFormLocGradient() {
    double g = (LOC - M0) / (S0 * S0);
    for (double x : X) {
      g += (LOC - x) / (SIGMA * SIGMA);
    }
    return g;
  }

  private static Tensor data() {
    return Tensor.constant(Nd4j.createFromArray(X));
  }

  private ElboTesting.Evaluation evaluate(Elbo elbo, ParamStore store, long seed) {
    return ElboTesting.evaluate(elbo, this::model, VectorizedParticlesTest::guide, data(), store,
        seed);
  }

  @Test
  void onePassHoldsKParticlesLeftOfThePlatesAndAveragesTheirElbos() {
    ElboTesting.Evaluation e = evaluate(new TraceElbo(K, true), new ParamStore(), 3);
    assertArrayEquals(new long[] {K, 1}, mu.get().shape());
    double[] draws = mu.get().reshape(K).toDoubleVector();
    double mean = 0;
    double locGradient = 0;
    for (double m : draws) {
      mean += elboAt(m) / K;
      // −d f/d loc at μ = loc + scale·ε: log q(μ) does not change with loc along the path
      double g = (m - M0) / (S0 * S0);
      for (double x : X) {
        g -= (x - m) / (SIGMA * SIGMA);
      }
      locGradient += g / K;
    }
    assertEquals(-mean, e.loss(), 1e-9);
    assertEquals(locGradient, e.gradient("loc")[0], 1e-9);
    assertTrue(draws[0] != draws[1], "particles draw independently");
  }

  @Test
  void theMeanOverRepeatsAgreesWithSequentialParticlesAndTheClosedForm() {
    int repeats = 300;
    double[] vectorised = new double[repeats];
    double[] sequential = new double[repeats];
    double[] locGradient = new double[repeats];
    TraceElbo batched = new TraceElbo(K, true);
    TraceElbo oneByOne = new TraceElbo(K);
    ParamStore store = new ParamStore();
    for (int r = 0; r < repeats; r++) {
      ElboTesting.Evaluation v = evaluate(batched, store, r);
      vectorised[r] = v.loss();
      locGradient[r] = v.gradient("loc")[0];
      sequential[r] = evaluate(oneByOne, store, r).loss();
    }
    double exact = closedFormLoss();
    // four standard errors: a false alarm has probability 6e-5 (and the seeds are fixed)
    assertEquals(exact, mean(vectorised), 4 * standardError(vectorised));
    assertEquals(exact, mean(sequential), 4 * standardError(sequential));
    assertEquals(mean(sequential), mean(vectorised),
        4 * Math.hypot(standardError(vectorised), standardError(sequential)));
    assertEquals(closedFormLocGradient(), mean(locGradient), 4 * standardError(locGradient));
  }

  @Test
  void theGradientIsTheFiniteDifferenceOfTheVectorisedLoss() {
    TraceElbo elbo = new TraceElbo(K, true);
    ParamStore store = new ParamStore();
    long seed = 11;
    ElboTesting.Evaluation at = evaluate(elbo, store, seed);
    double h = 1e-5;
    for (String name : new String[] {"loc", "scale"}) {
      Tensor leaf = store.entry(name).unconstrained();
      double u = leaf.item();
      leaf.assign(Nd4j.scalar(DataType.DOUBLE, u + h));
      double up = evaluate(elbo, store, seed).loss();
      leaf.assign(Nd4j.scalar(DataType.DOUBLE, u - h));
      double down = evaluate(elbo, store, seed).loss();
      leaf.assign(Nd4j.scalar(DataType.DOUBLE, u));
      double numeric = (up - down) / (2 * h);
      assertEquals(numeric, at.gradient(name)[0], 1e-6 * (1 + Math.abs(numeric)), name);
    }
  }

  /**
   * A discrete latent needs score-function terms; vectorised, particle k's score is weighted by
   * particle k's ELBO alone, so the surrogate's gradient is (1/K) Σ_k (z_k − σ(φ))(1 − f_k):
   * −∂ log q(z_k)/∂φ from the loss itself and −(z_k − σ(φ))·f_k from the score term.
   */
  @Test
  void scoreFunctionTermsWeightEachParticleByItsOwnElbo() {
    double prior = 0.3;
    double phi = 0.2;
    double x = 0.8;
    AtomicReference<INDArray> z = new AtomicReference<>();
    Function<Tensor, Object> model = data -> {
      Tensor drawn = sample("z", Bernoulli.probs(prior));
      z.set(drawn.value().dup());
      sample("x", new Normal(drawn, k(1.0)), data);
      return null;
    };
    Function<Tensor, Object> guide = data ->
        sample("z", Bernoulli.logits(param("phi", phi)));
    int particles = 6;
    ElboTesting.Evaluation e = ElboTesting.evaluate(new TraceElbo(particles, true), model,
        guide, k(x), new ParamStore(), 5);
    double[] draws = z.get().toDoubleVector();
    assertEquals(particles, draws.length);
    double q = 1 / (1 + Math.exp(-phi));
    double mean = 0;
    double gradient = 0;
    for (double zk : draws) {
      double logPrior = zk == 1 ? Math.log(prior) : Math.log(1 - prior);
      double logQ = zk == 1 ? Math.log(q) : Math.log(1 - q);
      double f = logPrior + logNormal(x, zk, 1.0) - logQ;
      mean += f / particles;
      gradient += (zk - q) * (1 - f) / particles;
    }
    assertEquals(-mean, e.loss(), 1e-9);
    assertEquals(gradient, e.gradient("phi")[0], 1e-9);
  }

  private static double mean(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s / a.length;
  }

  private static double standardError(double[] a) {
    double m = mean(a);
    double ss = 0;
    for (double v : a) {
      ss += (v - m) * (v - m);
    }
    return Math.sqrt(ss / (a.length - 1) / a.length);
  }

  @Test
  void sequentialParticlesAreTheDefault() {
    assertTrue(!new TraceElbo(4).vectorizesParticles());
    assertTrue(new TraceElbo(4, true).vectorizesParticles());
  }
}
