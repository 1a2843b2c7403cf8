package org.pmm.distributions;

import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * A distribution that passes every call to another one; subclasses override what they change
 * (a mask on the log-density, a hidden sampler in tests, ...).
 *
 * <pre>{@code
 * class Tempered extends ForwardingDistribution {
 *   Tempered(Distribution d) { super(d); }
 *   public Tensor logProb(Tensor v) { return base().logProb(v).mul(0.5); }
 * }
 * }</pre>
 */
public abstract class ForwardingDistribution implements Distribution {
  private final Distribution base;

  protected ForwardingDistribution(Distribution base) {
    this.base = base;
  }

  /** The distribution calls are passed to. */
  public Distribution base() {
    return base;
  }

  @Override
  public String name() {
    return base.name();
  }

  @Override
  public long[] batchShape() {
    return base.batchShape();
  }

  @Override
  public long[] eventShape() {
    return base.eventShape();
  }

  @Override
  public Tensor logProb(Tensor value) {
    return base.logProb(value);
  }

  @Override
  public Tensor sample(RandomStream rng) {
    return base.sample(rng);
  }

  @Override
  public boolean hasRsample() {
    return base.hasRsample();
  }

  @Override
  public Tensor rsample(RandomStream rng) {
    return base.rsample(rng);
  }

  @Override
  public Tensor mean() {
    return base.mean();
  }

  @Override
  public Tensor variance() {
    return base.variance();
  }

  @Override
  public Tensor entropy() {
    return base.entropy();
  }

  @Override
  public Distribution toEvent(int n) {
    return base.toEvent(n);
  }

  @Override
  public Distribution expand(long... batchShape) {
    return base.expand(batchShape);
  }

  @Override
  public void checkValue(Tensor value) {
    base.checkValue(value);
  }

  @Override
  public Support support() {
    return base().support();
  }
}
