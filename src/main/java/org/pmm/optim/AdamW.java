package org.pmm.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * AdamW (Loshchilov and Hutter, 2019): Adam with decoupled weight decay,
 * {@code p ← p − lr·wd·p} before the Adam update (PyTorch's order).
 *
 * <pre>{@code
 * Optimizer c = new AdamW(0.005, 0.01);   // PM+MO's classifier
 * }</pre>
 */
public final class AdamW extends Adam {
  private final double weightDecay;

  public AdamW(double lr, double weightDecay) {
    super(lr, 0.9, 0.999, 1e-8);
    if (!(weightDecay >= 0)) {
      throw new IllegalArgumentException("AdamW: 'weight_decay' must be >= 0, got " + weightDecay);
    }
    this.weightDecay = weightDecay;
  }

  @Override
  protected void update(INDArray value, INDArray grad, ParameterState state) {
    adamUpdate(value, grad, state, lr, Double.POSITIVE_INFINITY, 1 - lr * weightDecay);
  }

  @Override
  public String describe() {
    return "AdamW(lr=" + lr + ", weight_decay=" + weightDecay + ")";
  }
}
