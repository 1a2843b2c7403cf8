package org.pmm.handlers;

/**
 * Multiplies the log-density of latent sample sites (not observed ones) by a factor: the
 * mechanism of KL annealing, where log p(z) − log q(z) is weighted by β while the likelihood is
 * not. The factor may change between steps ({@link #setFactor}).
 */
public final class LatentScaleMessenger extends Messenger<LatentScaleMessenger> {
  private double factor;

  public LatentScaleMessenger(double factor) {
    setFactor(factor);
  }

  public void setFactor(double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("latent scale must be positive, got " + factor);
    }
    this.factor = factor;
  }

  public double factor() {
    return factor;
  }

  @Override
  protected void process(Message msg) {
    if (msg.type == Message.Type.SAMPLE && !msg.observed) {
      msg.scale *= factor;
    }
  }
}
