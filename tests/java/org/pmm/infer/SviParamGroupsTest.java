package org.pmm.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.Pmm;
import org.pmm.distributions.Normal;
import org.pmm.optim.Sgd;
import org.pmm.params.ParamStore;
import org.pmm.tensor.Tensor;

/** Each parameter group is stepped by its own optimiser from one gradient computation. */
class SviParamGroupsTest {
  @Test
  void groupsGetTheirOwnOptimiser() {
    // model: x = 1 observed under N(a + b, 1); guide has no latents; loss = (1 − a − b)²/2 + c
    Function<Object, Object> model = args -> {
      Tensor a = Pmm.param("A.a", () -> Nd4j.createFromArray(0.0));
      Tensor b = Pmm.param("B.b", () -> Nd4j.createFromArray(0.0));
      Pmm.sample("x", new Normal(a.add(b), Tensor.constant(Nd4j.createFromArray(1.0))),
          Tensor.constant(Nd4j.createFromArray(1.0)));
      return null;
    };
    Function<Object, Object> guide = args -> null;
    ParamStore store = new ParamStore();
    Svi<Object> svi = new Svi<>(model, guide, new TraceElbo(1), List.of(
        new Svi.ParamGroup(n -> n.startsWith("A."), new Sgd(0.1)),
        new Svi.ParamGroup(n -> true, new Sgd(0.01))), store);
    svi.step(null);
    // d loss / da = d loss / db = −(1 − 0 − 0) = −1
    assertEquals(0.1, store.constrained("A.a").getDouble(0), 1e-12);
    assertEquals(0.01, store.constrained("B.b").getDouble(0), 1e-12);
  }
}
