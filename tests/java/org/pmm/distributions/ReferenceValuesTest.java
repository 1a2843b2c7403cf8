package org.pmm.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pmm.distributions.Params.s;
import static org.pmm.distributions.Params.v;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmm.distributions.kl.KL;
import org.pmm.tensor.Tensor;

/**
 * One table of reference values: log-densities, entropies, moments and divergences. Values
 * that are not elementary closed forms were computed with SciPy 1.17 ({@code scipy.stats}:
 * logpdf, logpmf, entropy; KL of Gamma and Beta also by numerical quadrature of
 * p·(log p − log q), which agrees with the closed form to 1e-11).
 */
class ReferenceValuesTest {
  private static final double TOLERANCE = 1e-6;

  static Stream<Arguments> cases() {
    return Stream.of(
        c("Laplace(2, 3) log p(2.5)", () -> laplace(2, 3).logProb(s(2.5)), -1.9584261),
        c("Laplace(2, 3) log p(4.0)", () -> laplace(2, 3).logProb(s(4.0)), -2.4584261),
        c("Laplace(2, 3) log p(0.1)", () -> laplace(2, 3).logProb(s(0.1)), -2.4250928),
        c("Laplace b=1 entropy", () -> laplace(0, 1).entropy(), 1.6931472),
        c("Laplace b=4 entropy", () -> laplace(0, 4).entropy(), 3.0794415),
        c("Laplace b=5 entropy", () -> laplace(0, 5).entropy(), 3.3025851),
        c("Laplace(2, 3) mean", () -> laplace(2, 3).mean(), 2.0),
        c("Laplace(2, 3) variance", () -> laplace(2, 3).variance(), 18.0),
        c("KL(Laplace(0.5, 0.1) || Laplace(0.4, 0.2))",
            () -> KL.divergence(laplace(0.5, 0.1), laplace(0.4, 0.2)), 0.3770869),
        c("Normal(2, 4) log p(2)", () -> normal(2, 4).logProb(s(2)), -2.3052329),
        c("Normal(2, 4) entropy", () -> normal(2, 4).entropy(), 2.8052329),
        c("Normal(2, 4) mean", () -> normal(2, 4).mean(), 2.0),
        c("Normal(2, 4) variance", () -> normal(2, 4).variance(), 16.0),
        c("KL(N(0, 1) || N(1, 2))", () -> KL.divergence(normal(0, 1), normal(1, 2)), 0.4431472),
        c("Bernoulli(0.25) log p(1)", () -> Bernoulli.probs(s(0.25)).logProb(s(1)), -1.3862944),
        c("Bernoulli(0.25) log p(0)", () -> Bernoulli.probs(s(0.25)).logProb(s(0)),
            Math.log(0.75)),
        c("Bernoulli(logits log 3) log p(1)",
            () -> Bernoulli.logits(s(Math.log(3))).logProb(s(1)), Math.log(0.75)),
        c("Bernoulli(0.25) entropy", () -> Bernoulli.probs(s(0.25)).entropy(), 0.5623351),
        c("Bernoulli(0.25) mean", () -> Bernoulli.probs(s(0.25)).mean(), 0.25),
        c("Bernoulli(0.25) variance", () -> Bernoulli.probs(s(0.25)).variance(), 0.1875),
        c("KL(Bernoulli(0.25) || Bernoulli(0.6))",
            () -> KL.divergence(Bernoulli.probs(s(0.25)), Bernoulli.probs(s(0.6))), 0.2525893),
        c("Categorical([0.1, 0.6, 0.3]) log p(2)", () -> cat().logProb(s(2)), -1.2039728),
        c("Categorical logits log p(2)",
            () -> Categorical.logits(v(Math.log(0.1) + 7, Math.log(0.6) + 7, Math.log(0.3) + 7))
                .logProb(s(2)), -1.2039728),
        c("Categorical entropy", () -> cat().entropy(), 0.8979457),
        c("Categorical index mean", () -> cat().mean(), 1.2),
        c("Categorical index variance", () -> cat().variance(), 1.8 - 1.44),
        c("KL(Cat([.1, .6, .3]) || Cat([.2, .2, .6]))",
            () -> KL.divergence(cat(), Categorical.probs(v(0.2, 0.2, 0.6))), 0.3819085),
        c("Beta(2.4, 3.6) log p(0.4)", () -> beta(2.4, 3.6).logProb(s(0.4)), 0.6467555),
        c("Beta(2.4, 3.6) entropy", () -> beta(2.4, 3.6).entropy(), -0.3000235),
        c("Beta(2.4, 3.6) mean", () -> beta(2.4, 3.6).mean(), 0.4),
        c("Beta(2.4, 3.6) variance", () -> beta(2.4, 3.6).variance(), 2.4 * 3.6 / (36 * 7)),
        c("KL(Beta(2.4, 3.6) || Beta(1.5, 2))",
            () -> KL.divergence(beta(2.4, 3.6), beta(1.5, 2)), 0.0753307),
        c("Gamma(2.4, 3.2) log p(5.5)", () -> gamma(2.4, 3.2).logProb(s(5.5)), -12.6386500),
        c("Gamma(2.4, 3.2) entropy", () -> gamma(2.4, 3.2).entropy(), 0.5396469),
        c("Gamma(2.4, 3.2) mean", () -> gamma(2.4, 3.2).mean(), 0.75),
        c("Gamma(2.4, 3.2) variance", () -> gamma(2.4, 3.2).variance(), 2.4 / 10.24),
        c("KL(Gamma(2.4, 3.2) || Gamma(1.7, 2))",
            () -> KL.divergence(gamma(2.4, 3.2), gamma(1.7, 2)), 0.0433700),
        c("Dirichlet([2.4, 3, 6]) log p([0.2, 0.45, 0.35])",
            () -> dirichlet().logProb(v(0.2, 0.45, 0.35)), 1.2557948),
        c("Dirichlet([2.4, 3, 6]) entropy", () -> dirichlet().entropy(), -1.5768036),
        c("Dirichlet mean[2]", () -> dirichlet().mean().slice(0, 2, 3).sum(), 6 / 11.4),
        c("Dirichlet variance[0]", () -> dirichlet().variance().slice(0, 0, 1).sum(),
            2.4 * 9 / (11.4 * 11.4 * 12.4)),
        c("Exponential(1.5) log p(0.7)", () -> exponential(1.5).logProb(s(0.7)),
            Math.log(1.5) - 1.05),
        c("Exponential(1.5) entropy", () -> exponential(1.5).entropy(), 1 - Math.log(1.5)),
        c("Exponential(1.5) mean", () -> exponential(1.5).mean(), 1 / 1.5),
        c("Exponential(1.5) variance", () -> exponential(1.5).variance(), 1 / 2.25),
        c("Poisson(3.5) log p(2)", () -> poisson(3.5).logProb(s(2)),
            2 * Math.log(3.5) - 3.5 - Math.log(2)),
        c("Poisson(3.5) entropy", () -> poisson(3.5).entropy(), 2.0151725),
        c("Poisson(3.5) mean", () -> poisson(3.5).mean(), 3.5),
        c("Poisson(3.5) variance", () -> poisson(3.5).variance(), 3.5),
        c("Delta(1.5) log p(1.5)", () -> new Delta(s(1.5)).logProb(s(1.5)), 0.0),
        c("Delta(1.5) log p(1.2)", () -> new Delta(s(1.5)).logProb(s(1.2)),
            Double.NEGATIVE_INFINITY),
        c("Laplace(2, 3).toEvent(1) sums", () -> new Laplace(v(2, 2), v(3, 3)).toEvent(1)
            .logProb(v(2.5, 4.0)), -1.9584261 - 2.4584261));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesReference(String what, Supplier<Tensor> computed, double expected) {
    Tensor t = computed.get();
    assertEquals(expected, t.item(), TOLERANCE, what);
  }

  private static Arguments c(String what, Supplier<Tensor> computed, double expected) {
    return Arguments.of(what, computed, expected);
  }

  static Laplace laplace(double loc, double scale) {
    return new Laplace(s(loc), s(scale));
  }

  static Normal normal(double loc, double scale) {
    return new Normal(s(loc), s(scale));
  }

  static Categorical cat() {
    return Categorical.probs(v(0.1, 0.6, 0.3));
  }

  static Beta beta(double a, double b) {
    return new Beta(s(a), s(b));
  }

  static Gamma gamma(double a, double rate) {
    return new Gamma(s(a), s(rate));
  }

  static Dirichlet dirichlet() {
    return new Dirichlet(v(2.4, 3, 6));
  }

  static Exponential exponential(double rate) {
    return new Exponential(s(rate));
  }

  static Poisson poisson(double rate) {
    return new Poisson(s(rate));
  }
}
