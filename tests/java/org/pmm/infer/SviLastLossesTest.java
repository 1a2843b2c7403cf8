package org.pmm.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.Pmm;
import org.pmm.optim.Sgd;
import org.pmm.params.ParamStore;
import org.pmm.tensor.Tensor;

/**
 * {@link Svi#lastLosses}: each objective's loss at the last step, in evaluation order, and their
 * sum is what the step returned. Two objectives of one parameter w = 0: (w − 1)² = 1 and
 * 2 (w + 1)² = 2, then after one SGD step of rate 0.1 (gradient −2 + 4 = 2, w = −0.2): 1.44 and
 * 1.28.
 */
class SviLastLossesTest {
  @Test
  void eachObjectivesLossOfTheLastStep() {
    ParamStore store = new ParamStore();
    Svi<Object> svi = Svi.<Object>builder(store)
        .objective("a", (x, step) -> Svi.Loss.of(w().sub(1.0).square().sum()))
        .objective("b", (x, step) -> Svi.Loss.of(w().add(1.0).square().mul(2.0).sum()))
        .group(name -> true, new Sgd(0.1))
        .build();
    double first = svi.step(null, 0);
    assertEquals(List.of("a", "b"), List.copyOf(svi.lastLosses().keySet()));
    assertEquals(1.0, svi.lastLosses().get("a"), 1e-12);
    assertEquals(2.0, svi.lastLosses().get("b"), 1e-12);
    assertEquals(3.0, first, 1e-12);
    double second = svi.step(null, 1);
    Map<String, Double> parts = svi.lastLosses();
    assertEquals(1.44, parts.get("a"), 1e-12);
    assertEquals(1.28, parts.get("b"), 1e-12);
    assertEquals(second, parts.get("a") + parts.get("b"), 1e-12);
  }

  private static Tensor w() {
    return Pmm.param("w", () -> Nd4j.zeros(DataType.DOUBLE, 1));
  }
}
