package org.pmm.handlers;

/** Multiplies the log-density of every site inside it by a positive factor. */
public final class ScaleMessenger extends Messenger<ScaleMessenger> {
  private final double factor;

  public ScaleMessenger(double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("scale: factor must be positive, got " + factor);
    }
    this.factor = factor;
  }

  @Override
  protected void process(Message msg) {
    msg.scale *= factor;
  }
}
