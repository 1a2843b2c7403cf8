package org.pmm.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pmm.Pmm.param;
import static org.pmm.Pmm.plate;
import static org.pmm.Pmm.sample;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.distributions.Bernoulli;
import org.pmm.distributions.Beta;
import org.pmm.distributions.TensorMath;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.handlers.PlateMessenger;
import org.pmm.params.ParamStore;
import org.pmm.tensor.Tensor;

/**
 * The coin of the README with its guide at the exact posterior Beta(4, 2): posterior draws of p
 * have mean 4/6 and variance αβ / ((α+β)²(α+β+1)) = 8/252, and predicted flips (observations
 * left out) are 1 with probability E[p] = 4/6, each flip drawn with its own p's draw.
 */
class PredictiveTest {
  private static final Function<Tensor, Object> MODEL = flips -> {
    Tensor p = sample("p", new Beta(Tensor.scalar(1, DataType.DOUBLE),
        Tensor.scalar(1, DataType.DOUBLE)));
    try (PlateMessenger rows = plate("rows", 4)) {
      if (flips == null) {
        sample("flips", Bernoulli.probs(TensorMath.broadcastTo(p, new long[] {4})));
      } else {
        sample("flips", Bernoulli.probs(p), flips);
      }
    }
    return null;
  };
  private static final Function<Tensor, Object> GUIDE = flips -> {
    Tensor a = param("alpha", () -> Nd4j.scalar(4.0), Constraints.positive());
    Tensor b = param("beta", () -> Nd4j.scalar(2.0), Constraints.positive());
    return sample("p", new Beta(a, b));
  };

  @Test
  void drawsFollowThePosteriorAndItsPredictive() {
    ParamStore store = new ParamStore();
    Map<String, INDArray> draws = new Predictive<>(MODEL, GUIDE, store, 2000, 7).call(null);
    INDArray p = draws.get("p");
    assertEquals(2000, p.size(0));
    double mean = p.meanNumber().doubleValue();
    double variance = p.varNumber().doubleValue();
    assertEquals(4.0 / 6, mean, 4 * Math.sqrt(8.0 / 252 / 2000));
    assertEquals(8.0 / 252, variance, 0.1 * 8.0 / 252);
    INDArray flips = draws.get("flips");
    assertArrayEquals(new long[] {2000, 4}, flips.shape());
    assertEquals(4.0 / 6, flips.meanNumber().doubleValue(), 4 * Math.sqrt(2.0 / 9 / 8000));
    // a flip and its draw's p go together: E[flip · p] = E[p²] = var + mean²
    double joint = flips.getColumn(0).castTo(DataType.DOUBLE).mul(p.reshape(2000)
        .castTo(DataType.DOUBLE)).meanNumber().doubleValue();
    assertEquals(8.0 / 252 + 16.0 / 36, joint, 0.02);

    Map<String, INDArray> again = new Predictive<>(MODEL, GUIDE, store, 2000, 7).call(null);
    assertEquals(p, again.get("p"), "the same seed gives the same draws");
  }

  @Test
  void returnSitesSelectAndAnUnknownOneIsNamed() {
    ParamStore store = new ParamStore();
    Map<String, INDArray> only = new Predictive<>(MODEL, GUIDE, store, 10, 0, Set.of("flips"))
        .call(null);
    assertEquals(Set.of("flips"), only.keySet());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Predictive<>(MODEL, GUIDE, store, 10, 0, Set.of("flip")).call(null));
    assertEquals("Predictive: the model has no sample site 'flip' (it has [p, flips])",
        e.getMessage());
  }
}
