package org.pmm.distributions.kl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmm.distributions.Params.s;
import static org.pmm.distributions.Params.v;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmm.distributions.Bernoulli;
import org.pmm.distributions.Beta;
import org.pmm.distributions.Categorical;
import org.pmm.distributions.Distribution;
import org.pmm.distributions.Gamma;
import org.pmm.distributions.Laplace;
import org.pmm.distributions.Normal;
import org.pmm.distributions.TensorMath;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * Every closed-form KL against a Monte Carlo estimate: the mean of log p(x) − log q(x) over N
 * draws of p, within four standard errors.
 */
class KlMonteCarloTest {
  private static final int N = 40_000;

  static Stream<Arguments> pairs() {
    return Stream.of(
        pair("Laplace", () -> new Laplace(s(0.5), s(0.1)), () -> new Laplace(s(0.4), s(0.2))),
        pair("Laplace wide", () -> new Laplace(s(-1), s(2)), () -> new Laplace(s(1), s(0.7))),
        pair("Normal", () -> new Normal(s(0), s(1)), () -> new Normal(s(1), s(2))),
        pair("Beta", () -> new Beta(s(2.4), s(3.6)), () -> new Beta(s(1.5), s(2))),
        pair("Gamma", () -> new Gamma(s(2.4), s(3.2)), () -> new Gamma(s(1.7), s(2))),
        pair("Bernoulli", () -> Bernoulli.probs(s(0.25)), () -> Bernoulli.logits(s(0.4))),
        pair("Categorical", () -> Categorical.probs(v(0.1, 0.6, 0.3)),
            () -> Categorical.logits(v(0.3, -1.0, 0.5))),
        pair("Normal toEvent", () -> new Normal(v(0, 1), v(1, 0.5)).toEvent(1),
            () -> new Normal(v(0.5, 0), v(2, 1)).toEvent(1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void closedFormMatchesMonteCarlo(String what, Supplier<Distribution> makeP,
      Supplier<Distribution> makeQ) {
    Distribution p = makeP.get();
    Distribution q = makeQ.get();
    assertTrue(KL.hasClosedForm(p, q));
    double exact = KL.divergence(p, q).item();
    Distribution pn = p.expand(N);
    Tensor x = pn.sample(new RandomStream(5));
    double[] diff = TensorMath.toDoubles(pn.logProb(x).sub(q.expand(N).logProb(x)).value());
    double mean = 0;
    for (double d : diff) {
      mean += d;
    }
    mean /= N;
    double var = 0;
    for (double d : diff) {
      var += (d - mean) * (d - mean);
    }
    double se = Math.sqrt(var / (N - 1) / N);
    double estimate = mean;
    assertTrue(Math.abs(estimate - exact) <= 4 * se,
        () -> what + ": closed form " + exact + " vs Monte Carlo " + estimate + " (se " + se
            + ")");
  }

  private static Arguments pair(String what, Supplier<Distribution> p,
      Supplier<Distribution> q) {
    return Arguments.of(what, p, q);
  }
}
