package org.pmm.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmm.distributions.Params.s;
import static org.pmm.distributions.Params.v;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.pmm.tensor.Tensor;

/**
 * Distributions written with plain numbers, as a Pyro user types them ({@code new Gamma(2, 3)},
 * {@code Normal.of(0.0, 1.0)}): their log-densities against closed forms written out here. The
 * parameters are whole numbers where a Gamma function appears, so that Γ(n) = (n − 1)! keeps
 * every expected value elementary.
 */
class PlainNumbersTest {
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  static Stream<Arguments> cases() {
    return Stream.of(
        // β^α x^(α−1) e^(−βx) / Γ(α), Γ(2) = 1
        c("new Gamma(2, 3) at 1.5", () -> new Gamma(2, 3).logProb(s(1.5)),
            2 * Math.log(3) + Math.log(1.5) - 3 * 1.5),
        c("Gamma.of(1, 1) at 0.7", () -> Gamma.of(1, 1).logProb(s(0.7)), -0.7),
        c("new Normal(0.0, 1.0) at 0.3", () -> new Normal(0.0, 1.0).logProb(s(0.3)),
            -0.3 * 0.3 / 2 - HALF_LOG_TWO_PI),
        c("Normal.of(0.5, 2.0) at 1.3", () -> Normal.of(0.5, 2.0).logProb(s(1.3)),
            -0.5 * Math.pow((1.3 - 0.5) / 2, 2) - Math.log(2) - HALF_LOG_TWO_PI),
        // 1 / B(2, 3) = Γ(5) / (Γ(2) Γ(3)) = 24 / 2
        c("new Beta(2, 3) at 0.4", () -> new Beta(2, 3).logProb(s(0.4)),
            Math.log(12) + Math.log(0.4) + 2 * Math.log(0.6)),
        c("Beta.of(1, 1) at 0.9", () -> Beta.of(1, 1).logProb(s(0.9)), 0.0),
        c("new Laplace(1, 2) at -0.5", () -> new Laplace(1, 2).logProb(s(-0.5)),
            -1.5 / 2 - Math.log(4)),
        c("Laplace.of(0, 1) at 2", () -> Laplace.of(0, 1).logProb(s(2)), -2 - Math.log(2)),
        c("new Exponential(2) at 0.7", () -> new Exponential(2).logProb(s(0.7)),
            Math.log(2) - 1.4),
        c("Exponential.of(0.5) at 3", () -> Exponential.of(0.5).logProb(s(3)),
            Math.log(0.5) - 1.5),
        c("new Poisson(3) at 2", () -> new Poisson(3).logProb(s(2)),
            2 * Math.log(3) - 3 - Math.log(2)),
        c("Poisson.of(1.5) at 0", () -> Poisson.of(1.5).logProb(s(0)), -1.5),
        // Γ(6) / (Γ(1) Γ(2) Γ(3)) = 120 / 2
        c("new Dirichlet(1, 2, 3) at [0.2, 0.3, 0.5]",
            () -> new Dirichlet(1, 2, 3).logProb(v(0.2, 0.3, 0.5)),
            Math.log(60) + Math.log(0.3) + 2 * Math.log(0.5)),
        c("Dirichlet.of(new double[] {1, 1}) at [0.25, 0.75]",
            () -> Dirichlet.of(new double[] {1, 1}).logProb(v(0.25, 0.75)), 0.0),
        c("Bernoulli.probs(0.3) at 1", () -> Bernoulli.probs(0.3).logProb(s(1)), Math.log(0.3)),
        c("Bernoulli.probs(0.3) at 0", () -> Bernoulli.probs(0.3).logProb(s(0)), Math.log(0.7)),
        c("Bernoulli.logits(0.4) at 1", () -> Bernoulli.logits(0.4).logProb(s(1)),
            -Math.log1p(Math.exp(-0.4))),
        c("Categorical.probs(1, 2, 7) at 2 (normalised)",
            () -> Categorical.probs(1, 2, 7).logProb(s(2)), Math.log(0.7)),
        c("Categorical.logits(0, 1.5, -0.5) at 1",
            () -> Categorical.logits(0, 1.5, -0.5).logProb(s(1)),
            1.5 - Math.log(1 + Math.exp(1.5) + Math.exp(-0.5))),
        c("new Delta(2.5) at 2.5", () -> new Delta(2.5).logProb(s(2.5)), 0.0),
        c("Delta.of(2.5) at 2", () -> Delta.of(2.5).logProb(s(2)), Double.NEGATIVE_INFINITY));
  }

  private static Arguments c(String name, Supplier<Tensor> actual, double expected) {
    return Arguments.of(name, actual, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void logDensityEqualsTheClosedForm(String name, Supplier<Tensor> actual, double expected) {
    Tensor lp = actual.get();
    assertEquals(0, lp.rank(), name + ": a scalar distribution gives a scalar log-density");
    assertEquals(DataType.DOUBLE, lp.dataType(), name);
    assertEquals(expected, lp.item(), 1e-12, name);
  }

  @Test
  void numbersAreScalarsOfTypeDoubleAndArraysVectors() {
    Normal n = new Normal(0.0, 1.0);
    assertArrayEquals(new long[0], n.batchShape());
    assertEquals(DataType.DOUBLE, n.dataType());
    assertEquals(0, n.scale().rank());
    Dirichlet d = new Dirichlet(1, 2, 3);
    assertArrayEquals(new long[0], d.batchShape());
    assertArrayEquals(new long[] {3}, d.eventShape());
    Categorical k = Categorical.probs(0.5, 0.5);
    assertEquals(2, k.categories());
  }

  @Test
  void theCallersArrayIsCopied() {
    double[] alpha = {1, 2, 3};
    Dirichlet d = new Dirichlet(alpha);
    alpha[0] = 50;
    assertEquals(1.0, d.concentration().value().getDouble(0));
  }

  @Test
  void badNumbersAreRejectedLikeBadTensors() {
    InvalidDistributionException e = assertThrows(InvalidDistributionException.class,
        () -> new Gamma(-1, 1));
    assertTrue(e.getMessage().contains("'concentration' must be positive"), e.getMessage());
    assertThrows(InvalidDistributionException.class, () -> Bernoulli.probs(1.5));
    assertThrows(InvalidDistributionException.class, () -> new Normal(0.0, 0.0));
  }
}
