package org.pmm.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.OpProfile;
import org.pmm.tensor.StepArena;
import org.pmm.tensor.Tensor;

/**
 * Updates parameters in place from their gradients. Per-parameter state (moments, step counts)
 * is created on first use and keyed by the parameter's name, so that it can be saved and
 * restored exactly.
 *
 * <p>Call order of a training step: build the loss, {@code loss.backward()}, then
 * {@link #step(Map)} once per parameter group; {@code step} zeroes the gradients it consumed.
 * Parameters without a gradient in this step are left alone (their state does not advance).
 *
 * <pre>{@code
 * Optimizer adam = new Adam(0.001);
 * loss.backward();
 * adam.step(store.parameters("fusion."));
 * }</pre>
 */
public abstract class Optimizer {
  private final Map<String, ParameterState> states = new LinkedHashMap<>();

  /** Updates every parameter that received a gradient, then zeroes its gradient. */
  public void step(Map<String, Tensor> parameters) {
    for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
      Tensor p = e.getValue();
      INDArray grad = p.grad();
      if (grad == null) {
        continue;
      }
      // optimiser state outlives the step that creates it
      ParameterState state = states.computeIfAbsent(e.getKey(),
          k -> StepArena.outside(() -> newState(p.value())));
      state.step++;
      OpProfile.mark("(before optimiser)");
      update(p.value(), grad, state);
      p.zeroGrad();
      OpProfile.mark("optimiser " + getClass().getSimpleName());
    }
  }

  /** Creates the state of a new parameter (zeros of its shape, step 0). */
  protected abstract ParameterState newState(INDArray value);

  /** Updates {@code value} in place. {@code grad} may be overwritten (it is consumed). */
  protected abstract void update(INDArray value, INDArray grad, ParameterState state);

  /** The per-parameter states, by parameter name (live objects; for checkpoints). */
  public Map<String, ParameterState> states() {
    return states;
  }

  /** A short description with the hyperparameters, for reports. */
  public abstract String describe();
}
