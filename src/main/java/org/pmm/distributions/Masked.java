package org.pmm.distributions;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.Tensor;

/**
 * A distribution whose log-density is zeroed where a 0/1 mask (broadcastable to the batch
 * shape) is 0, as Pyro's {@code Distribution.mask}; sampling is unchanged.
 *
 * <pre>{@code
 * Distribution d = new Normal(loc, scale).mask(observedRows);
 * }</pre>
 */
public final class Masked extends ForwardingDistribution {
  private final INDArray mask;

  Masked(Distribution base, INDArray mask) {
    super(base);
    this.mask = mask;
  }

  @Override
  public Tensor logProb(Tensor value) {
    Tensor lp = base().logProb(value);
    return lp.mul(Tensor.constantAs(mask, lp.dataType()));
  }

  @Override
  public Distribution toEvent(int n) {
    return new Masked(base().toEvent(n), mask);
  }

  @Override
  public Distribution expand(long... batchShape) {
    return new Masked(base().expand(batchShape), mask);
  }
}
