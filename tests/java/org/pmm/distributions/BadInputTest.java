package org.pmm.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmm.distributions.Params.full;
import static org.pmm.distributions.Params.s;
import static org.pmm.distributions.Params.v;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.distributions.kl.KL;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/** Invalid parameters and values: each an InvalidDistributionException with an exact message. */
class BadInputTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        c(() -> new Laplace(s(0), v(1, 1, 1, -1)),
            "Laplace: 'scale' must be positive, found -1.0 at index [3]"),
        c(() -> new Normal(s(0), s(0)), "Normal: 'scale' must be positive, found 0.0 at index []"),
        c(() -> new Laplace(v(0, Double.NaN), s(1)),
            "Laplace: 'loc' must be finite, found NaN at index [1]"),
        c(() -> new Normal(s(0), v(1, Double.NaN)),
            "Normal: 'scale' must be positive, found NaN at index [1]"),
        c(() -> Bernoulli.probs(v(0.5, 1.5)),
            "Bernoulli: 'probs' must lie in [0, 1], found 1.5 at index [1]"),
        c(() -> Bernoulli.logits(s(Double.NaN)),
            "Bernoulli: 'logits' must be finite, found NaN at index []"),
        c(() -> Categorical.probs(v(0.5, -0.1, 0.6)),
            "Categorical: 'probs' must be non-negative, found -0.1 at index [1]"),
        c(() -> Categorical.logits(s(1)),
            "Categorical: 'logits' needs a last dimension of categories, found shape []"),
        c(() -> new Beta(s(2), s(-3)),
            "Beta: 'concentration0' must be positive, found -3.0 at index []"),
        c(() -> new Gamma(Params.m(new double[][] {{1, 2}, {0, 4}}), s(1)),
            "Gamma: 'concentration' must be positive, found 0.0 at index [1, 0]"),
        c(() -> new Gamma(s(1), s(Double.POSITIVE_INFINITY)),
            "Gamma: 'rate' must be positive, found Infinity at index []"),
        c(() -> new Dirichlet(v(1, 0, 2)),
            "Dirichlet: 'concentration' must be positive, found 0.0 at index [1]"),
        c(() -> new Exponential(s(-2)), "Exponential: 'rate' must be positive, found -2.0 at index []"),
        c(() -> new Poisson(v(1, -0.5)), "Poisson: 'rate' must be positive, found -0.5 at index [1]"),
        c(() -> new Laplace(v(1, 2), v(1, 2, 3)),
            "Laplace: shapes [2], [3] cannot be broadcast together"),
        c(() -> new Laplace(s(0), Tensor.constant(Nd4j.scalar(DataType.FLOAT, 1f))),
            "Laplace: 'scale' has data type FLOAT but 'loc' has DOUBLE"),
        // Values outside the support.
        c(() -> Bernoulli.probs(v(0.2, 0.2)).logProb(v(1, 0.5)),
            "Bernoulli: value 0.5 at index [1] is outside the support (0 or 1)"),
        c(() -> new Beta(s(2), s(3)).logProb(s(1.5)),
            "Beta: value 1.5 at index [] is outside the support (0 < x < 1)"),
        c(() -> new Poisson(s(2)).logProb(v(-1, 2)),
            "Poisson: value -1.0 at index [0] is outside the support (a non-negative integer count)"),
        c(() -> new Poisson(s(2)).logProb(s(1.5)),
            "Poisson: value 1.5 at index [] is outside the support (a non-negative integer count)"),
        c(() -> Categorical.probs(v(0.1, 0.6, 0.3)).logProb(s(3)),
            "Categorical: value 3.0 at index [] is outside the support (an integer index in [0, 2])"),
        c(() -> new Gamma(s(2), s(1)).logProb(s(-1)),
            "Gamma: value -1.0 at index [] is outside the support (x > 0)"),
        c(() -> new Exponential(s(2)).logProb(s(-0.5)),
            "Exponential: value -0.5 at index [] is outside the support (x >= 0)"),
        c(() -> new Dirichlet(v(1, 1, 1)).logProb(v(0.5, 0.6, 0.1)),
            "Dirichlet: value at batch index [] sums to 1.2000000000000002, outside the support "
                + "(positive components summing to 1)"),
        c(() -> new Normal(s(0), s(1)).checkValue(s(Double.NaN)),
            "Normal: value NaN at index [] is outside the support (a finite real number)"),
        // Wrong value shapes.
        c(() -> new Laplace(full(0, 4), s(1)).logProb(full(0, 3)),
            "Laplace: value shape [3] does not match batch shape [4] and event shape []"),
        c(() -> new Dirichlet(v(1, 1, 1)).logProb(v(0.5, 0.5)),
            "Dirichlet: value shape [2] does not match batch shape [] and event shape [3]"),
        c(() -> new Normal(full(0, 4), s(1)).toEvent(1).logProb(full(0, 4, 2)),
            "Normal: value shape [4, 2] does not match batch shape [] and event shape [4]"),
        c(() -> KL.divergence(new Laplace(s(0), s(1)), new Normal(s(0), s(1))),
            "KL: no closed form for KL(Laplace ‖ Normal); use a Monte Carlo estimate (an ELBO "
                + "with sampled log-densities)"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("cases")
  void rejectsWithAPreciseMessage(Executable action, String message) {
    InvalidDistributionException e = assertThrows(InvalidDistributionException.class, action);
    assertEquals(message, e.getMessage());
  }

  @Test
  void validValuesPassCheckValue() {
    Bernoulli.probs(v(0.2, 0.2)).checkValue(v(1, 0));
    new Beta(s(2), s(3)).checkValue(v(0.01, 0.99));
    new Poisson(s(2)).checkValue(v(0, 7));
    Categorical.probs(v(0.1, 0.6, 0.3)).checkValue(v(0, 1, 2));
    new Dirichlet(v(1, 1, 1)).checkValue(v(0.2, 0.3, 0.5));
  }

  @Test
  void nonReparameterisableDistributionsRefuseRsample() {
    for (Distribution d : new Distribution[] {new Poisson(s(2)), Bernoulli.probs(s(0.3)),
        Categorical.probs(v(0.5, 0.5))}) {
      assertTrue(!d.hasRsample());
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
          () -> d.rsample(new RandomStream(1)));
      assertTrue(e.getMessage().startsWith(d.name() + " has no reparameterised sampler"),
          e.getMessage());
    }
  }

  private static Arguments c(Executable action, String message) {
    return Arguments.of(action, message);
  }
}
