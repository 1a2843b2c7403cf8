package org.pmm.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.distributions.kl.KL;
import org.pmm.support.GradCheck;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * Reverse-mode gradients of log-densities, entropies, divergences and reparameterised draws
 * against central finite differences (GradCheck), and implicit reparameterisation gradients
 * against the derivative of the inverse CDF and against Monte Carlo.
 */
class GradientTest {

  private static INDArray u(long seed, double lo, double hi, long... shape) {
    return GradCheck.uniform(seed, lo, hi, shape);
  }

  private static Tensor c(INDArray a) {
    return Tensor.constant(a);
  }

  @Test
  void laplaceLogProbWithRespectToParametersAndValue() {
    GradCheck.check("Laplace logProb", p -> new Laplace(p[0], p[1]).logProb(p[2]),
        u(1, -1, 1, 2, 3), u(2, 0.5, 2, 3), u(3, 2, 3, 2, 3));
  }

  @Test
  void normalLogProbWithRespectToParametersAndValue() {
    GradCheck.check("Normal logProb", p -> new Normal(p[0], p[1]).logProb(p[2]),
        u(4, -1, 1, 2, 3), u(5, 0.5, 2, 2, 3), u(6, -2, 2, 2, 3));
  }

  @Test
  void bernoulliLogProbWithLogitsAndWithProbs() {
    INDArray y = Nd4j.createFromArray(new double[][] {{0, 1, 1}, {1, 0, 0}});
    GradCheck.check("Bernoulli.logits logProb", p -> Bernoulli.logits(p[0]).logProb(c(y)),
        u(7, -3, 3, 2, 3));
    GradCheck.check("Bernoulli.probs logProb", p -> Bernoulli.probs(p[0]).logProb(c(y)),
        u(8, 0.1, 0.9, 2, 3));
    GradCheck.check("Bernoulli.logits entropy", p -> Bernoulli.logits(p[0]).entropy(),
        u(9, -3, 3, 4));
  }

  @Test
  void categoricalLogProbWithLogitsAndWithProbs() {
    Tensor value = Params.v(2, 0, 1);
    GradCheck.check("Categorical.logits logProb",
        p -> Categorical.logits(p[0]).logProb(value), u(10, -2, 2, 3, 4));
    GradCheck.check("Categorical.probs logProb",
        p -> Categorical.probs(p[0]).logProb(value), u(11, 0.1, 1, 3, 4));
    GradCheck.check("Categorical entropy", p -> Categorical.logits(p[0]).entropy(),
        u(12, -2, 2, 3, 4));
  }

  @Test
  void betaLogProbAndEntropy() {
    GradCheck.check("Beta logProb", p -> new Beta(p[0], p[1]).logProb(p[2]),
        u(13, 0.5, 4, 5), u(14, 0.5, 4, 5), u(15, 0.1, 0.9, 5));
    GradCheck.check("Beta entropy", p -> new Beta(p[0], p[1]).entropy(),
        u(16, 0.5, 4, 5), u(17, 0.5, 4, 5));
  }

  @Test
  void gammaLogProbAndEntropy() {
    GradCheck.check("Gamma logProb", p -> new Gamma(p[0], p[1]).logProb(p[2]),
        u(18, 0.5, 4, 5), u(19, 0.5, 4, 5), u(20, 0.2, 3, 5));
    GradCheck.check("Gamma entropy", p -> new Gamma(p[0], p[1]).entropy(),
        u(21, 0.5, 4, 5), u(22, 0.5, 4, 5));
  }

  @Test
  void dirichletLogProbAndEntropy() {
    INDArray x = Nd4j.createFromArray(new double[][] {{0.2, 0.45, 0.35}, {0.1, 0.1, 0.8}});
    GradCheck.check("Dirichlet logProb", p -> new Dirichlet(p[0]).logProb(c(x)),
        u(23, 0.5, 4, 2, 3));
    GradCheck.check("Dirichlet entropy", p -> new Dirichlet(p[0]).entropy(),
        u(24, 0.5, 4, 2, 3));
  }

  @Test
  void exponentialAndPoissonLogProb() {
    GradCheck.check("Exponential logProb", p -> new Exponential(p[0]).logProb(p[1]),
        u(25, 0.5, 3, 4), u(26, 0.1, 2, 4));
    Tensor counts = Params.v(0, 3, 7, 1);
    GradCheck.check("Poisson logProb", p -> new Poisson(p[0]).logProb(counts),
        u(27, 0.5, 6, 4));
    GradCheck.check("Poisson entropy", p -> new Poisson(p[0]).entropy(), u(28, 0.5, 6, 4));
  }

  @Test
  void closedFormDivergences() {
    GradCheck.check("KL Laplace", p -> KL.divergence(new Laplace(p[0], p[1]),
        new Laplace(p[2], p[3])), u(29, -1, 1, 3), u(30, 0.2, 2, 3), u(31, -1, 1, 3),
        u(32, 0.2, 2, 3));
    GradCheck.check("KL Normal", p -> KL.divergence(new Normal(p[0], p[1]),
        new Normal(p[2], p[3])), u(33, -1, 1, 3), u(34, 0.2, 2, 3), u(35, -1, 1, 3),
        u(36, 0.2, 2, 3));
    GradCheck.check("KL Beta", p -> KL.divergence(new Beta(p[0], p[1]),
        new Beta(p[2], p[3])), u(37, 0.5, 3, 3), u(38, 0.5, 3, 3), u(39, 0.5, 3, 3),
        u(40, 0.5, 3, 3));
    GradCheck.check("KL Gamma", p -> KL.divergence(new Gamma(p[0], p[1]),
        new Gamma(p[2], p[3])), u(41, 0.5, 3, 3), u(42, 0.5, 3, 3), u(43, 0.5, 3, 3),
        u(44, 0.5, 3, 3));
    GradCheck.check("KL Bernoulli", p -> KL.divergence(Bernoulli.logits(p[0]),
        Bernoulli.probs(p[1])), u(45, -2, 2, 3), u(46, 0.1, 0.9, 3));
    GradCheck.check("KL Categorical", p -> KL.divergence(Categorical.logits(p[0]),
        Categorical.logits(p[1])), u(47, -2, 2, 2, 3), u(48, -2, 2, 2, 3));
  }

  /** The stream is recreated with the same seed inside the function: the same ε every call. */
  @Test
  void pathwiseGradientsOfReparameterisedDraws() {
    GradCheck.check("Laplace rsample",
        p -> new Laplace(p[0], p[1]).rsample(new RandomStream(3)),
        u(49, -1, 1, 2, 3), u(50, 0.5, 2, 2, 3));
    GradCheck.check("Normal rsample",
        p -> new Normal(p[0], p[1]).rsample(new RandomStream(3)),
        u(51, -1, 1, 2, 3), u(52, 0.5, 2, 3));
    GradCheck.check("Exponential rsample",
        p -> new Exponential(p[0]).rsample(new RandomStream(3)), u(53, 0.5, 2, 4));
    GradCheck.check("Delta rsample", p -> new Delta(p[0]).rsample(new RandomStream(3)),
        u(54, -1, 1, 4));
    GradCheck.check("rsample of a toEvent Laplace into its own logProb",
        p -> {
          Distribution d = new Laplace(p[0], p[1]).toEvent(1);
          return d.logProb(d.rsample(new RandomStream(9)));
        }, u(55, -1, 1, 2, 3), u(56, 0.5, 2, 2, 3));
  }

  /**
   * dz/dα of a Gamma draw at fixed CDF level u equals the derivative of the inverse CDF
   * z(α) = F⁻¹(u; α), here by a central difference of Commons Math's inverse CDF.
   */
  @Test
  void implicitGammaDerivativeMatchesInverseCdf() {
    double[][] cases = {{0.3, 0.2}, {1.0, 0.5}, {2.4, 0.7}, {7.5, 0.1}, {0.8, 0.95}};
    for (double[] cs : cases) {
      double alpha = cs[0];
      double level = cs[1];
      double z = new GammaDistribution(alpha, 1.0).inverseCumulativeProbability(level);
      double h = 1e-4 * alpha;
      double numeric = (new GammaDistribution(alpha + h, 1.0).inverseCumulativeProbability(level)
          - new GammaDistribution(alpha - h, 1.0).inverseCumulativeProbability(level)) / (2 * h);
      assertEquals(numeric, GammaSampling.dSampleDAlpha(z, alpha),
          1e-4 * Math.max(1, Math.abs(numeric)), "alpha " + alpha + ", u " + level);
    }
  }

  /** E[dz/dθ] = dE[z]/dθ: the mean implicit gradient against the closed-form mean's. */
  @Test
  void implicitReparameterisationGradientsAreUnbiased() {
    int n = 20_000;
    Tensor alpha = Tensor.parameter(Nd4j.valueArrayOf(new long[] {n}, 2.4, DataType.DOUBLE));
    Tensor rate = Tensor.parameter(Nd4j.valueArrayOf(new long[] {n}, 3.2, DataType.DOUBLE));
    new Gamma(alpha, rate).rsample(new RandomStream(21)).sum().backward();
    assertMeanClose("Gamma d/dalpha", alpha.grad(), 1 / 3.2);
    assertMeanClose("Gamma d/drate", rate.grad(), -2.4 / (3.2 * 3.2));

    Tensor a = Tensor.parameter(Nd4j.valueArrayOf(new long[] {n}, 2.0, DataType.DOUBLE));
    Tensor b = Tensor.parameter(Nd4j.valueArrayOf(new long[] {n}, 0.7, DataType.DOUBLE));
    new Beta(a, b).rsample(new RandomStream(22)).sum().backward();
    assertMeanClose("Beta d/da", a.grad(), 0.7 / (2.7 * 2.7));
    assertMeanClose("Beta d/db", b.grad(), -2.0 / (2.7 * 2.7));

    Tensor conc = Tensor.parameter(Nd4j.createFromArray(new double[] {1.5, 0.6, 3.0}));
    Dirichlet d = new Dirichlet(conc);
    Tensor draws = d.expand(n).rsample(new RandomStream(23));
    draws.slice(1, 0, 1).mean().backward();
    // d/dα_j of E[x_0] = α_0/α₀: (1/α₀ − α_0/α₀²) for j = 0, −α_0/α₀² otherwise.
    double total = 5.1;
    double[] expected = {1 / total - 1.5 / (total * total), -1.5 / (total * total),
        -1.5 / (total * total)};
    for (int j = 0; j < 3; j++) {
      assertEquals(expected[j], conc.grad().getDouble(j), 0.01, "Dirichlet d/dalpha_" + j);
    }
  }

  private static void assertMeanClose(String what, INDArray perSample, double expected) {
    double[] g = TensorMath.toDoubles(perSample);
    double mean = 0;
    for (double x : g) {
      mean += x;
    }
    mean /= g.length;
    double var = 0;
    for (double x : g) {
      var += (x - mean) * (x - mean);
    }
    double se = Math.sqrt(var / (g.length - 1) / g.length);
    double m = mean;
    assertTrue(Math.abs(m - expected) <= 4 * se,
        () -> what + ": mean gradient " + m + " vs " + expected + " (se " + se + ")");
  }
}
