package org.pmm.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pyro's ClippedAdam: every gradient element is clipped to [−clip, clip] and the learning rate
 * decays geometrically, {@code lr_t = lr · lrDecay^(t−1)}; otherwise Adam.
 *
 * <pre>{@code
 * Optimizer a = new ClippedAdam(0.005, 10.0, 1.0);   // PM+MO's module A: clip 10, no decay
 * }</pre>
 */
public final class ClippedAdam extends Adam {
  private final double clip;
  private final double lrDecay;

  public ClippedAdam(double lr, double clip, double lrDecay) {
    super(lr, 0.9, 0.999, 1e-8);
    this.clip = positive("ClippedAdam", "clip", clip);
    this.lrDecay = positive("ClippedAdam", "lr_decay", lrDecay);
  }

  @Override
  protected void update(INDArray value, INDArray grad, ParameterState state) {
    adamUpdate(value, grad, state, lr * Math.pow(lrDecay, state.step() - 1), clip, 1.0);
  }

  @Override
  public String describe() {
    return "ClippedAdam(lr=" + lr + ", clip=" + clip + ", lr_decay=" + lrDecay + ")";
  }
}
