package org.pmm.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmm.distributions.Params.full;
import static org.pmm.distributions.Params.s;
import static org.pmm.distributions.Params.v;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.distributions.kl.KL;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/** Batch and event shapes, broadcasting of parameters and values, toEvent and expand. */
class ShapesTest {
  private static long[] sh(long... dims) {
    return dims;
  }

  @Test
  void parametersBroadcastToTheBatchShape() {
    Laplace d = new Laplace(full(0, 3, 1), full(1, 4));
    assertArrayEquals(sh(3, 4), d.batchShape());
    assertArrayEquals(sh(), d.eventShape());
    assertArrayEquals(sh(3, 4), d.sample(new RandomStream(1)).shape());
    assertArrayEquals(sh(3, 4), d.rsample(new RandomStream(1)).shape());
    assertArrayEquals(sh(3, 4), d.mean().shape());
    assertArrayEquals(sh(3, 4), d.variance().shape());
    assertArrayEquals(sh(3, 4), d.entropy().shape());
  }

  @Test
  void logProbBroadcastsTheValueAgainstTheBatch() {
    Normal d = new Normal(full(0, 3, 1), full(1, 4));
    assertArrayEquals(sh(3, 4), d.logProb(full(0.5, 4)).shape());
    assertArrayEquals(sh(2, 3, 4), d.logProb(full(0.5, 2, 3, 4)).shape());
    assertArrayEquals(sh(3, 4), d.logProb(s(0.5)).shape());
    double expected = -0.125 - 0.5 * Math.log(2 * Math.PI);
    assertEquals(expected, d.logProb(full(0.5, 4)).value().getDouble(2, 3), 1e-12);
    Bernoulli b = Bernoulli.logits(full(0.3, 4));
    assertArrayEquals(sh(2, 4), b.logProb(full(1, 2, 4)).shape());
  }

  @Test
  void toEventMovesBatchDimensionsIntoTheEvent() {
    Laplace base = new Laplace(full(0, 2, 3, 4), full(1, 2, 3, 4));
    Distribution one = base.toEvent(1);
    assertArrayEquals(sh(2, 3), one.batchShape());
    assertArrayEquals(sh(4), one.eventShape());
    Tensor x = full(0.5, 2, 3, 4);
    assertArrayEquals(sh(2, 3), one.logProb(x).shape());
    assertEquals(base.logProb(x).sum().item(), one.logProb(x).sum().item(), 1e-12);
    Distribution all = one.toEvent(2);
    assertTrue(all instanceof Independent i && i.reinterpreted() == 3);
    assertArrayEquals(sh(), all.batchShape());
    assertArrayEquals(sh(2, 3, 4), all.eventShape());
    assertArrayEquals(sh(), all.logProb(x).shape());
    assertArrayEquals(sh(), all.entropy().shape());
    assertArrayEquals(sh(2, 3, 4), all.sample(new RandomStream(2)).shape());
    assertTrue(base.toEvent(0) == base);
    InvalidDistributionException e = assertThrows(InvalidDistributionException.class,
        () -> base.toEvent(4));
    assertEquals("Laplace: toEvent(4) needs 0..3 batch dimensions to reinterpret, batch shape "
        + "is [2, 3, 4]", e.getMessage());
  }

  @Test
  void expandBroadcastsTheBatch() {
    Gamma g = new Gamma(s(2), full(1, 3));
    Distribution e = g.expand(5, 3);
    assertArrayEquals(sh(5, 3), e.batchShape());
    assertArrayEquals(sh(5, 3), e.sample(new RandomStream(3)).shape());
    assertArrayEquals(sh(5, 3), e.mean().shape());
    Distribution ev = new Normal(full(0, 4), full(1, 4)).toEvent(1).expand(6);
    assertArrayEquals(sh(6), ev.batchShape());
    assertArrayEquals(sh(4), ev.eventShape());
    Distribution[] scalars = {new Exponential(s(2)), new Poisson(s(2)), Bernoulli.probs(s(0.3)),
        Bernoulli.logits(s(0.3)), new Delta(s(1)), new Laplace(s(0), s(1)),
        new Normal(s(0), s(1)), new Gamma(s(2), s(1)), new Beta(s(2), s(1))};
    for (Distribution d : scalars) {
      Distribution big = d.expand(5);
      assertArrayEquals(sh(5), big.batchShape(), d.name());
      assertArrayEquals(sh(5), big.sample(new RandomStream(3)).shape(), d.name());
      assertArrayEquals(sh(5), big.mean().shape(), d.name());
      assertArrayEquals(sh(5), big.variance().shape(), d.name());
      assertArrayEquals(sh(5), big.entropy().shape(), d.name());
    }
    InvalidDistributionException err = assertThrows(InvalidDistributionException.class,
        () -> g.expand(4));
    assertEquals("Gamma: cannot expand batch shape [3] to [4]", err.getMessage());
  }

  @Test
  void categoricalAndDirichletKeepTheirLastDimension() {
    Categorical c = Categorical.logits(full(0, 5, 3));
    assertArrayEquals(sh(5), c.batchShape());
    assertArrayEquals(sh(), c.eventShape());
    assertArrayEquals(sh(5), c.sample(new RandomStream(4)).shape());
    assertArrayEquals(sh(5), c.logProb(full(2, 5)).shape());
    assertEquals(-Math.log(3), c.logProb(full(2, 5)).value().getDouble(4), 1e-12);
    assertArrayEquals(sh(7, 5), c.expand(7, 5).sample(new RandomStream(4)).shape());

    Dirichlet d = new Dirichlet(full(2, 2, 3));
    assertArrayEquals(sh(2), d.batchShape());
    assertArrayEquals(sh(3), d.eventShape());
    assertArrayEquals(sh(2, 3), d.sample(new RandomStream(5)).shape());
    assertArrayEquals(sh(2), d.logProb(full(1.0 / 3, 2, 3)).shape());
    assertArrayEquals(sh(2, 3), d.mean().shape());
    Distribution all = d.toEvent(1);
    assertArrayEquals(sh(), all.batchShape());
    assertArrayEquals(sh(2, 3), all.eventShape());
    assertArrayEquals(sh(4, 2, 3), d.expand(4, 2).sample(new RandomStream(5)).shape());
  }

  @Test
  void klOfToEventDistributionsSumsOverTheEvent() {
    Laplace p = new Laplace(v(0.5, 0.1, -0.2), v(0.1, 1, 2));
    Laplace q = new Laplace(v(0.4, 0, 0), v(0.2, 1, 1));
    double perElement = KL.divergence(p, q).sum().item();
    Tensor summed = KL.divergence(p.toEvent(1), q.toEvent(1));
    assertArrayEquals(sh(), summed.shape());
    assertEquals(perElement, summed.item(), 1e-12);
    assertTrue(KL.hasClosedForm(p.toEvent(1), q.toEvent(1)));
    assertTrue(!KL.hasClosedForm(p.toEvent(1), q));
    // Scalar prior against a vector guide: the prior is expanded to the guide's batch.
    assertArrayEquals(sh(3), KL.divergence(p, new Laplace(s(0), s(1))).shape());
    assertArrayEquals(sh(2, 3),
        KL.divergence(new Normal(full(0, 2, 1), s(1)), new Normal(full(0, 3), s(2))).shape());
  }

  @Test
  void expandedScalarParametersStayScalars() {
    Laplace prior = new Laplace(s(0), s(1)).expand(300, 64);
    assertArrayEquals(sh(300, 64), prior.batchShape());
    assertArrayEquals(sh(), prior.loc().shape());
    assertArrayEquals(sh(), prior.scale().shape());
    Tensor w = full(0.5, 300, 64);
    Tensor lp = prior.toEvent(2).logProb(w);
    assertEquals(300 * 64 * (-0.5 - Math.log(2)), lp.item(), 1e-8);
    assertArrayEquals(sh(300, 64), prior.mean().shape());
    assertArrayEquals(sh(300, 64), prior.entropy().shape());
    assertArrayEquals(sh(300, 64), prior.rsample(new RandomStream(8)).shape());
    Laplace guide = new Laplace(full(0.1, 300, 64), full(0.2, 300, 64));
    assertArrayEquals(sh(300, 64), KL.divergence(guide, prior).shape());
    assertArrayEquals(sh(300, 64),
        KL.divergence(new Laplace(s(0), s(2)).expand(300, 64), prior).shape());
    assertArrayEquals(sh(4, 3), new Gamma(s(2), s(3)).expand(4, 3).sample(new RandomStream(8))
        .shape());
  }

  @Test
  void samplesKeepTheParametersDataType() {
    Tensor loc = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 3));
    Tensor scale = Tensor.constant(Nd4j.ones(DataType.FLOAT, 3));
    Laplace d = new Laplace(loc, scale);
    assertEquals(DataType.FLOAT, d.rsample(new RandomStream(6)).dataType());
    assertEquals(DataType.FLOAT, d.logProb(full(0.5, 3)).dataType());
    assertEquals(DataType.FLOAT, new Gamma(scale, scale).sample(new RandomStream(6)).dataType());
  }
}
