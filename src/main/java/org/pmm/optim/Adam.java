package org.pmm.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.clip.ClipByValue;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.kernels.UpdateKernels;

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

  /** The Adam update with a given learning rate; consumes {@code grad}. */
  protected final void adamUpdate(INDArray value, INDArray grad, ParameterState state,
      double rate) {
    adamUpdate(value, grad, state, rate, Double.POSITIVE_INFINITY, 1.0);
  }

  /**
   * The Adam update of {@code value} with the gradient first clipped element-wise to
   * [−clip, clip] and the value first multiplied by {@code decay} (AdamW's decoupled decay);
   * consumes {@code grad}. Float parameters take one fused pass ({@link UpdateKernels}); others
   * ND4J's {@code adam_updater} kernel, whose step
   * {@code lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε')} is PyTorch's with {@code ε' = ε·√(1−β₂ᵗ)}.
   */
  protected final void adamUpdate(INDArray value, INDArray grad, ParameterState state,
      double rate, double clip, double decay) {
    INDArray m = state.buffers()[0];
    INDArray v = state.buffers()[1];
    long t = state.step();
    double correction2 = Math.sqrt(1 - Math.pow(beta2, t));
    double stepSize = rate * correction2 / (1 - Math.pow(beta1, t));
    double epsHat = eps * correction2;
    if (UpdateKernels.applies(value, grad, m, v)) {
      fusedUpdate(value, grad, m, v, (float) stepSize, (float) epsHat, (float) clip,
          (float) decay);
      return;
    }
    if (clip < Double.POSITIVE_INFINITY) {
      ClipByValue clipOp = new ClipByValue(grad, -clip, clip);
      clipOp.addOutputArgument(grad);
      Nd4j.exec(clipOp);
    }
    if (decay != 1.0) {
      value.muli(decay);
    }
    // the kernel counts iterations from 0 and raises the betas to iteration + 1
    Nd4j.exec(new AdamUpdater(grad, v, m, grad, v, m, rate, beta1, beta2, epsHat,
        (int) Math.min(Integer.MAX_VALUE, t - 1)));
    value.subi(grad);
  }

  private void fusedUpdate(INDArray value, INDArray grad, INDArray m, INDArray v,
      float stepSize, float epsHat, float clip, float decay) {
    UpdateKernels.adam(value, grad, m, v, (float) beta1, (float) beta2, stepSize, epsHat, clip,
        decay);
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
