package org.pmm.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.pmm.Pmm.param;
import static org.pmm.Pmm.plate;
import static org.pmm.Pmm.sample;
import static org.pmm.infer.ElboTesting.c;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.distributions.Laplace;
import org.pmm.distributions.Normal;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.handlers.PlateMessenger;
import org.pmm.params.ParamStore;
import org.pmm.tensor.Tensor;

/**
 * On a fully reparameterised model (a global Normal, local Laplace latents in a subsampled plate,
 * observations in a nested plate), TraceGraph_ELBO has no score terms: with the same draws it must
 * give exactly Trace_ELBO's loss and gradients, and so must their annealed versions.
 */
class TraceGraphEqualityTest {
  private static final long[] ROWS = {0, 2, 5, 7};
  private static final double[][] DATA =
      {{0.3, -0.1, 0.8}, {1.2, 0.9, 1.5}, {-0.4, 0.0, 0.2}, {2.0, 1.7, 2.4}};

  private static Object model(Tensor x) {
    Tensor mu = sample("mu", new Normal(c(0.0), c(1.0)));
    try (PlateMessenger rows = plate("rows", 10, ROWS, -2)) {
      Tensor s = sample("s", new Laplace(mu, c(0.5)));
      try (PlateMessenger cols = plate("cols", 3, ElboTesting.range(3), -1)) {
        sample("x", new Normal(s, c(0.7)), x);
      }
    }
    return null;
  }

  private static Object guide(Tensor x) {
    Tensor m = param("mu.loc", () -> Nd4j.scalar(DataType.DOUBLE, 0.2));
    Tensor sd = param("mu.scale", () -> Nd4j.scalar(DataType.DOUBLE, 0.8), Constraints.positive());
    sample("mu", new Normal(m, sd));
    Tensor loc = param("s.loc", () -> Nd4j.createFromArray(new double[][] {{0.1}, {0.5}, {-0.2}, {1.0}}));
    Tensor scale = param("s.scale", () -> Nd4j.valueArrayOf(new long[] {4, 1}, 0.3, DataType.DOUBLE),
        Constraints.positive());
    try (PlateMessenger rows = plate("rows", 10, ROWS, -2)) {
      sample("s", new Laplace(loc, scale));
    }
    return null;
  }

  private static void assertSame(Elbo a, Elbo b) {
    Tensor x = Tensor.constant(Nd4j.createFromArray(DATA));
    Function<Tensor, Object> model = TraceGraphEqualityTest::model;
    Function<Tensor, Object> guide = TraceGraphEqualityTest::guide;
    for (long seed : new long[] {3, 4}) {
      ParamStore store = new ParamStore();
      ElboTesting.Evaluation ea = ElboTesting.evaluate(a, model, guide, x, store, seed);
      ElboTesting.Evaluation eb = ElboTesting.evaluate(b, model, guide, x, store, seed);
      assertEquals(ea.loss(), eb.loss(), 0.0, "loss, seed " + seed);
      assertEquals(4, ea.gradients().size());
      ea.gradients().forEach((name, g) -> {
        assertFalse(java.util.Arrays.stream(g).allMatch(v -> v == 0), name + " has a gradient");
        assertArrayEquals(g, eb.gradient(name), 0.0, name + ", seed " + seed);
      });
    }
  }

  @Test
  void traceGraphEqualsTraceOnReparameterisedModel() {
    assertSame(new TraceElbo(1), TraceGraphElbo.builder()
        .baseline(Baseline.decayingAverage()).baseline("s", Baseline.learnedValue()).build());
  }

  @Test
  void annealedTraceGraphEqualsAnnealedTrace() {
    assertSame(new AnnealedElbo(new TraceElbo(1), KlSchedule.constant(0.3)),
        new AnnealedElbo(new TraceGraphElbo(1), KlSchedule.constant(0.3)));
    assertSame(Elbos.create("annealed", 0.2, 100), Elbos.create("annealed-tracegraph", 0.2, 100));
  }
}
