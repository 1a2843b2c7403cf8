package org.pmm.distributions;

import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * A probability distribution over tensors, with batch and event shapes as in Pyro: a value has
 * shape {@code batchShape ++ eventShape}, and {@link #logProb} sums over the event dimensions,
 * returning a tensor of the batch shape.
 *
 * <p>Parameters are tensors, so log-densities and reparameterised samples are differentiable with
 * respect to them. Constructors validate parameters and throw {@link InvalidDistributionException}
 * with a message naming the distribution, the argument and the offending value.
 *
 * <pre>{@code
 * Distribution d = new Laplace(loc, scale).toEvent(1);
 * Tensor z = d.rsample(rng);              // differentiable w.r.t. loc and scale
 * Tensor lp = d.logProb(z);               // shape: batch shape
 * }</pre>
 */
public interface Distribution {

  /** A short name used in messages, e.g. "Laplace". */
  String name();

  long[] batchShape();

  long[] eventShape();

  /** Log-density (or mass) of {@code value}, summed over event dimensions. */
  Tensor logProb(Tensor value);

  /**
   * The sum of {@link #logProb} over all of its elements, a scalar. Distributions with a cheaper
   * fused form (no element-wise log-density materialised) override it; {@link Independent} uses
   * it when every batch dimension is reinterpreted, as for a Bayesian layer's weight matrix.
   */
  default Tensor logProbSum(Tensor value) {
    return logProb(value).sum();
  }

  /** The values the distribution puts its mass on (Pyro's {@code support}). */
  Support support();

  /** A draw without gradient. */
  Tensor sample(RandomStream rng);

  /** True if {@link #rsample} is available (pathwise gradients). */
  boolean hasRsample();

  /** A reparameterised draw, differentiable with respect to the parameters. */
  Tensor rsample(RandomStream rng);

  Tensor mean();

  Tensor variance();

  Tensor entropy();

  /** Reinterprets the rightmost {@code n} batch dimensions as event dimensions. */
  Distribution toEvent(int n);

  /** The same distribution broadcast to a larger batch shape. */
  Distribution expand(long... batchShape);

  /**
   * The same distribution with its log-density multiplied by a 0/1 {@code mask} broadcastable
   * to the batch shape (masked elements contribute nothing).
   */
  default Distribution mask(org.nd4j.linalg.api.ndarray.INDArray mask) {
    return new Masked(this, mask);
  }

  /**
   * Throws {@link InvalidDistributionException} if {@code value} has the wrong shape for this
   * distribution or lies outside its support (e.g. a Bernoulli observation of 0.5).
   */
  void checkValue(Tensor value);
}
