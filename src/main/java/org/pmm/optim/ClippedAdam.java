package org.pmm.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pyro's ClippedAdam ({@code ClippedAdam({"lr", "betas", "clip_norm", "lrd"})}): every gradient
 * element is clipped to [−clip, clip], and the learning rate is multiplied by {@code lrDecay}
 * before each step, so that step t (counted from 1) uses {@code lr · lrDecay^t}; otherwise
 * Adam. One difference from Pyro is left on purpose: ε is added as in {@link Adam} (PyTorch's
 * placement, ε·√(1−β₂ᵗ) next to √v, where Pyro adds ε itself), a change in the 1e-8 term only.
 *
 * <pre>{@code
 * Optimizer a = new ClippedAdam(0.005, 10.0, 1.0);   // PM+MO's module A: clip 10, no decay
 * Optimizer b = new ClippedAdam(0.01, new double[] {0.95, 0.999}, 5.0, 0.999);
 * }</pre>
 */
public final class ClippedAdam extends Adam {
  private final double clip;
  private final double lrDecay;

  /** Betas (0.9, 0.999), Pyro's defaults. */
  public ClippedAdam(double lr, double clip, double lrDecay) {
    this(lr, new double[] {0.9, 0.999}, clip, lrDecay);
  }

  /**
   * With the moments' decay rates, as Pyro's {@code "betas": (β₁, β₂)}.
   *
   * <pre>{@code
   * new ClippedAdam(0.05, new double[] {0.9, 0.99}, 10.0, 0.9995);
   * }</pre>
   */
  public ClippedAdam(double lr, double[] betas, double clip, double lrDecay) {
    super(lr, beta(betas, 0), beta(betas, 1), 1e-8);
    this.clip = positive("ClippedAdam", "clip", clip);
    this.lrDecay = positive("ClippedAdam", "lr_decay", lrDecay);
  }

  private static double beta(double[] betas, int i) {
    if (betas.length != 2) {
      throw new IllegalArgumentException("ClippedAdam: 'betas' needs two values, got "
          + betas.length);
    }
    return betas[i];
  }

  @Override
  protected void update(INDArray value, INDArray grad, ParameterState state) {
    adamUpdate(value, grad, state, lr * Math.pow(lrDecay, state.step()), clip, 1.0);
  }

  @Override
  public String describe() {
    return "ClippedAdam(lr=" + lr + ", betas=(" + beta1 + ", " + beta2 + "), clip=" + clip
        + ", lr_decay=" + lrDecay + ")";
  }
}
