package org.pmm.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmm.distributions.Params.s;
import static org.pmm.distributions.Params.v;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * Sample mean and variance of N draws against the closed-form {@code mean()} and
 * {@code variance()}, within five standard errors (the variance's standard error estimated
 * from the sample's fourth central moment). Seeds are fixed, so the test is deterministic.
 */
class SampleMomentsTest {
  private static final int N = 20_000;

  static Stream<Arguments> distributions() {
    return Stream.of(
        a("Laplace(2, 3)", () -> new Laplace(s(2), s(3))),
        a("Normal(-1, 0.5)", () -> new Normal(s(-1), s(0.5))),
        a("Bernoulli.probs(0.3)", () -> Bernoulli.probs(s(0.3))),
        a("Bernoulli.logits(-2)", () -> Bernoulli.logits(s(-2))),
        a("Categorical([0.1, 0.6, 0.3])", () -> Categorical.probs(v(0.1, 0.6, 0.3))),
        a("Beta(2.4, 3.6)", () -> new Beta(s(2.4), s(3.6))),
        a("Beta(0.5, 0.7)", () -> new Beta(s(0.5), s(0.7))),
        a("Gamma(2.4, 3.2)", () -> new Gamma(s(2.4), s(3.2))),
        a("Gamma(0.3, 1)", () -> new Gamma(s(0.3), s(1))),
        a("Exponential(1.5)", () -> new Exponential(s(1.5))),
        a("Poisson(3.5)", () -> new Poisson(s(3.5))),
        a("Poisson(80)", () -> new Poisson(s(80))),
        a("Delta(1.5)", () -> new Delta(s(1.5))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("distributions")
  void sampleMomentsMatchClosedForms(String what, Supplier<Distribution> make) {
    Distribution d = make.get();
    Tensor draws = d.expand(N).sample(new RandomStream(11));
    assertMoments(what, TensorMath.toDoubles(draws.value()), d.mean().item(),
        d.variance().item());
  }

  @ParameterizedTest(name = "{0} rsample")
  @MethodSource("distributions")
  void rsampleMomentsMatchClosedForms(String what, Supplier<Distribution> make) {
    Distribution d = make.get();
    if (!d.hasRsample()) {
      return;
    }
    Tensor draws = d.expand(N).rsample(new RandomStream(12));
    assertMoments(what, TensorMath.toDoubles(draws.value()), d.mean().item(),
        d.variance().item());
  }

  @org.junit.jupiter.api.Test
  void dirichletComponentMomentsMatchClosedForms() {
    Dirichlet d = new Dirichlet(v(2.4, 3, 6));
    Tensor draws = d.expand(N).sample(new RandomStream(13));
    for (int k = 0; k < 3; k++) {
      double[] component = TensorMath.toDoubles(draws.slice(1, k, k + 1).value());
      assertMoments("Dirichlet component " + k, component,
          d.mean().slice(0, k, k + 1).item(), d.variance().slice(0, k, k + 1).item());
    }
    double[] sums = TensorMath.toDoubles(draws.sum(false, 1).value());
    for (double total : sums) {
      assertEquals(1.0, total, 1e-12);
    }
  }

  static void assertMoments(String what, double[] x, double mean, double variance) {
    double m = 0;
    for (double xi : x) {
      m += xi;
    }
    m /= x.length;
    double m2 = 0;
    double m4 = 0;
    for (double xi : x) {
      double c = xi - m;
      m2 += c * c;
      m4 += c * c * c * c;
    }
    m2 /= x.length - 1;
    m4 /= x.length;
    double seMean = Math.sqrt(variance / x.length);
    double seVar = Math.sqrt(Math.max(m4 - m2 * m2, 0) / x.length);
    double sampleMean = m;
    double sampleVar = m2;
    assertTrue(Math.abs(sampleMean - mean) <= 5 * seMean + 1e-12,
        () -> what + ": sample mean " + sampleMean + " vs " + mean + " (se " + seMean + ")");
    assertTrue(Math.abs(sampleVar - variance) <= 5 * seVar + 1e-12,
        () -> what + ": sample variance " + sampleVar + " vs " + variance + " (se " + seVar
            + ")");
  }

  private static Arguments a(String what, Supplier<Distribution> make) {
    return Arguments.of(what, make);
  }
}
