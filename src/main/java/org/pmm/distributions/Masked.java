package org.pmm.distributions;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * A distribution whose log-density is zeroed where a 0/1 mask (broadcastable to the batch
 * shape) is 0, as Pyro's {@code Distribution.mask}; sampling is unchanged.
 *
 * <pre>{@code
 * Distribution d = new Normal(loc, scale).mask(observedRows);
 * }</pre>
 */
public final class Masked implements Distribution {
  private final Distribution base;
  private final INDArray mask;

  Masked(Distribution base, INDArray mask) {
    this.base = base;
    this.mask = mask;
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
    Tensor lp = base.logProb(value);
    INDArray m = mask.dataType() == lp.dataType() ? mask : mask.castTo(lp.dataType());
    return lp.mul(Tensor.constant(m));
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
    return new Masked(base.toEvent(n), mask);
  }

  @Override
  public Distribution expand(long... batchShape) {
    return new Masked(base.expand(batchShape), mask);
  }

  @Override
  public void checkValue(Tensor value) {
    base.checkValue(value);
  }
}
