package org.pmm.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (Kingma and Ba, 2015) with bias correction, in PyTorch's formulation:
 * {@code m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
 * p ← p − lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε·√(1−β₂ᵗ))}.
 * Subclasses transform the gradient or the parameter around this update.
 *
 * <pre>{@code
 * Optimizer adam = new Adam(0.001);              // betas (0.9, 0.999), eps 1e-8
 * Optimizer tuned = new Adam(0.005, 0.9, 0.99, 1e-8);
 * }</pre>
 */
public class Adam extends Optimizer {
  protected final double lr;
  protected final double beta1;
  protected final double beta2;
  protected final double eps;

  public Adam(double lr) {
    this(lr, 0.9, 0.999, 1e-8);
  }

  public Adam(double lr, double beta1, double beta2, double eps) {
    this.lr = positive(getClass().getSimpleName(), "lr", lr);
    this.beta1 = inUnitInterval("beta1", beta1);
    this.beta2 = inUnitInterval("beta2", beta2);
    this.eps = positive(getClass().getSimpleName(), "eps", eps);
  }

  @Override
  protected ParameterState newState(INDArray value) {
    return new ParameterState(0, Nd4j.zeros(value.dataType(), value.shape()),
        Nd4j.zeros(value.dataType(), value.shape()));
  }

  @Override
  protected void update(INDArray value, INDArray grad, ParameterState state) {
    adamUpdate(value, grad, state, lr);
  }

  /**
   * The Adam update with a given learning rate; consumes {@code grad}. ND4J's fused
   * {@code adam_updater} kernel updates both moments and writes the step into {@code grad} in one
   * multithreaded pass (ten element-wise passes before). Its step is
   * {@code lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε')}: with {@code ε' = ε·√(1−β₂ᵗ)} it is exactly
   * PyTorch's formulation above.
   */
  protected final void adamUpdate(INDArray value, INDArray grad, ParameterState state,
      double rate) {
    INDArray m = state.buffers()[0];
    INDArray v = state.buffers()[1];
    long t = state.step();
    double correction2 = Math.sqrt(1 - Math.pow(beta2, t));
    // the kernel counts iterations from 0 and raises the betas to iteration + 1
    Nd4j.exec(new AdamUpdater(grad, v, m, grad, v, m, rate, beta1, beta2, eps * correction2,
        (int) Math.min(Integer.MAX_VALUE, t - 1)));
    value.subi(grad);
  }

  static double positive(String owner, String name, double x) {
    if (!(x > 0) || Double.isInfinite(x)) {
      throw new IllegalArgumentException(owner + ": '" + name + "' must be positive, got " + x);
    }
    return x;
  }

  private double inUnitInterval(String name, double x) {
    if (!(x >= 0 && x < 1)) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": '" + name
          + "' must be in [0, 1), got " + x);
    }
    return x;
  }

  @Override
  public String describe() {
    return "Adam(lr=" + lr + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ")";
  }
}
