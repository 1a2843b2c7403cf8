package org.pmm.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmm.Pmm.param;
import static org.pmm.Pmm.plate;
import static org.pmm.Pmm.sample;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.distributions.Independent;
import org.pmm.distributions.Normal;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.handlers.PlateMessenger;
import org.pmm.optim.Adam;
import org.pmm.optim.ParameterState;
import org.pmm.params.ParamStore;
import org.pmm.tensor.StepArena;
import org.pmm.tensor.Tensor;

/**
 * Training steps run in the step arena: after the first step has measured it, later steps
 * allocate nothing beyond its block (its size and the spilled bytes stay put), what outlives a
 * step (parameters, their gradient buffers, the optimiser's moments) lives outside it, and an
 * array of a finished step cannot be read by an operation (the tests run with ND4J's workspace
 * checks on, {@code -Dpmm.arena.check=true} in the pom).
 */
class StepArenaTest {
  private final INDArray[] fromTheStep = new INDArray[1];

  /** A regression y ~ Normal(x·w + b, σ) on 64 rows of 32 features, fitted by MAP-like SVI. */
  private Svi<Tensor> svi(ParamStore store) {
    Nd4j.getRandom().setSeed(3);
    Tensor x = Tensor.constant(Nd4j.randn(DataType.FLOAT, 64, 32));
    Function<Tensor, Object> model = y -> {
      Tensor w = param("w", () -> Nd4j.zeros(DataType.FLOAT, 32, 1));
      Tensor b = param("b", () -> Nd4j.zeros(DataType.FLOAT, 1, 1));
      Tensor sigma = param("sigma", () -> Nd4j.ones(DataType.FLOAT, 1, 1), Constraints.positive());
      Tensor mean = x.matmul(w).add(b);
      fromTheStep[0] = mean.value();
      try (PlateMessenger rows = plate("rows", 64)) {
        sample("y", Independent.of(new Normal(mean, sigma.mul(Tensor.constant(
            Nd4j.ones(DataType.FLOAT, 64, 1)))), 1), y);
      }
      return null;
    };
    return new Svi<>(model, y -> null, new TraceElbo(1), new Adam(0.01), store);
  }

  @Test
  void laterStepsAllocateNothingBeyondTheBlock() {
    ParamStore store = new ParamStore();
    Svi<Tensor> svi = svi(store);
    Tensor y = Tensor.constant(Nd4j.randn(DataType.FLOAT, 64, 1));
    for (int i = 0; i < 3; i++) {
      svi.step(y);
    }
    long block = StepArena.bytes();
    long spilled = StepArena.spilledBytes();
    assertTrue(block > 0, "the arena has a block after three steps");
    for (int i = 0; i < 20; i++) {
      svi.step(y);
    }
    assertEquals(block, StepArena.bytes(), "the block did not grow");
    assertEquals(spilled, StepArena.spilledBytes(), "no step allocated beyond the block");
    for (String name : new String[] {"w", "b", "sigma"}) {
      Tensor p = store.parameters().get(name);
      assertFalse(p.value().isAttached(), name + " lives outside the arena");
      ParameterState state = svi.optimizers().get(0).states().get(name);
      for (INDArray moment : state.buffers()) {
        assertFalse(moment.isAttached(), name + "'s optimiser state lives outside the arena");
      }
    }
  }

  @Test
  void anArrayOfAFinishedStepCannotBeRead() {
    ParamStore store = new ParamStore();
    Svi<Tensor> svi = svi(store);
    Tensor y = Tensor.constant(Nd4j.randn(DataType.FLOAT, 64, 1));
    svi.step(y);
    svi.step(y);
    INDArray stale = fromTheStep[0];
    assertTrue(stale.isAttached(), "a step's intermediate lives in the arena");
    svi.step(y);
    assertThrows(RuntimeException.class, () -> stale.add(1.0),
        "an operation on an array of a finished step");
  }
}
