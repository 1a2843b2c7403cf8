package org.pmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.params.ParamStore;
import org.pmm.tensor.ShapeException;
import org.pmm.tensor.Tensor;

/**
 * Parameters from plain numbers ({@code param("scale", 1.0, positive())}), seen through the
 * parameter store: what is stored unconstrained is the constraint's inverse, computed here by
 * hand (softplus⁻¹(x) = log(eˣ − 1), logit), and a second request returns the stored value.
 */
class PmmParamTest {

  @Test
  void aScalarParameterIsStoredUnconstrainedAndReturnedConstrained() {
    ParamStore store = new ParamStore();
    try (ParamStore.Activation active = store.activate()) {
      Tensor scale = Pmm.param("scale", 2.0, Constraints.positive());
      assertEquals(2.0, scale.item(), 1e-12);
      assertEquals(0, scale.rank());
      assertEquals(DataType.DOUBLE, scale.dataType());
      Tensor leaf = store.entry("scale").unconstrained();
      assertEquals(Math.log(Math.expm1(2.0)), leaf.item(), 1e-12);
      assertTrue(leaf.requiresGrad());

      Tensor loc = Pmm.param("loc", -0.75);
      assertEquals(-0.75, store.constrained("loc").getDouble(0), 0.0);
      assertEquals(-0.75, loc.item(), 0.0);
    }
  }

  @Test
  void laterRequestsReturnTheStoredValueNotTheInitialOne() {
    ParamStore store = new ParamStore();
    try (ParamStore.Activation active = store.activate()) {
      Pmm.param("p", 0.5, Constraints.unitInterval());
      store.entry("p").unconstrained().assign(Nd4j.scalar(DataType.DOUBLE, 1.0));
      double sigmoidOfOne = 1 / (1 + Math.exp(-1.0));
      assertEquals(sigmoidOfOne, Pmm.param("p", 0.5, Constraints.unitInterval()).item(), 1e-12);
    }
  }

  @Test
  void aVectorParameterKeepsItsValuesAndShape() {
    ParamStore store = new ParamStore();
    double[] init = {0.2, 0.3, 0.5};
    try (ParamStore.Activation active = store.activate()) {
      Tensor w = Pmm.param("w", init, Constraints.positive());
      init[0] = 9;
      assertArrayEquals(new long[] {3}, w.shape());
      assertArrayEquals(new double[] {0.2, 0.3, 0.5}, store.constrained("w").toDoubleVector(),
          1e-12);
      double[] leaf = store.entry("w").unconstrained().value().toDoubleVector();
      assertEquals(Math.log(Math.expm1(0.3)), leaf[1], 1e-12);
      Tensor free = Pmm.param("free", new double[] {-1, 4});
      assertArrayEquals(new double[] {-1, 4}, free.value().toDoubleVector(), 0.0);
      assertThrows(ShapeException.class, free::item);
    }
  }

  @Test
  void anInitialValueOutsideTheConstraintIsRefused() {
    ParamStore store = new ParamStore();
    try (ParamStore.Activation active = store.activate()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Pmm.param("scale", -1.0, Constraints.positive()));
      assertTrue(e.getMessage().contains("param 'scale'"), e.getMessage());
    }
  }
}
