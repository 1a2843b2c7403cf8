package org.pmm.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pmm.Pmm.param;
import static org.pmm.Pmm.sample;
import static org.pmm.infer.ElboTesting.c;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.distributions.Independent;
import org.pmm.distributions.Laplace;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.params.ParamStore;
import org.pmm.tensor.Tensor;

/** Penalties change the loss by their value and the gradient by λ·sign(w) (L1) or 2λw (L2). */
class ElboPenaltyTest {
  private static final double[] LOC = {0.7, -1.3, 0.0, 2.5};

  private static Object model(Tensor x) {
    sample("w", Independent.of(new Laplace(c(0, 0, 0, 0), c(1, 1, 1, 1)), 1));
    return null;
  }

  private static Object guide(Tensor x) {
    Tensor loc = param("w.loc", () -> Nd4j.createFromArray(LOC));
    Tensor scale = param("w.scale", () -> Nd4j.createFromArray(0.5, 0.5, 0.5, 0.5),
        Constraints.positive());
    sample("w", Independent.of(new Laplace(loc, scale), 1));
    return null;
  }

  private static void check(ElboPenalty penalty, double[] expectedExtra, double expectedValue) {
    Function<Tensor, Object> model = ElboPenaltyTest::model;
    Function<Tensor, Object> guide = ElboPenaltyTest::guide;
    ParamStore store = new ParamStore();
    ElboTesting.Evaluation plain =
        ElboTesting.evaluate(new TraceElbo(1), model, guide, c(0), store, 7);
    ElboTesting.Evaluation penalised = ElboTesting.evaluate(
        new PenalisedElbo(new TraceElbo(1), penalty), model, guide, c(0), store, 7);
    assertEquals(plain.loss() + expectedValue, penalised.loss(), 1e-12, "loss");
    for (int i = 0; i < LOC.length; i++) {
      assertEquals(expectedExtra[i],
          penalised.gradient("w.loc")[i] - plain.gradient("w.loc")[i], 1e-12, "loc " + i);
      assertEquals(plain.gradient("w.scale")[i], penalised.gradient("w.scale")[i], 0.0,
          "scale " + i + " is not penalised");
    }
  }

  @Test
  void l2AddsTwoLambdaW() {
    double lambda = 0.1;
    double[] extra = new double[LOC.length];
    double value = 0;
    for (int i = 0; i < LOC.length; i++) {
      extra[i] = 2 * lambda * LOC[i];
      value += lambda * LOC[i] * LOC[i];
    }
    check(ElboPenalty.l2(lambda, n -> n.endsWith(".loc")), extra, value);
  }

  @Test
  void l1AddsLambdaSignW() {
    double lambda = 0.25;
    double[] extra = new double[LOC.length];
    double value = 0;
    for (int i = 0; i < LOC.length; i++) {
      extra[i] = lambda * Math.signum(LOC[i]);
      value += lambda * Math.abs(LOC[i]);
    }
    check(ElboPenalty.l1(lambda, n -> n.endsWith(".loc")), extra, value);
  }

  @Test
  void negativeWeightIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> ElboPenalty.l2(-1, n -> true));
  }
}
