package org.pmm.distributions;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * The exponential distribution with rate λ > 0: density λ e^(−λx) on x ≥ 0. Reparameterised:
 * x = −log(1 − u) / λ with u uniform.
 *
 * <pre>{@code
 * Exponential waiting = new Exponential(rate);
 * Tensor t = waiting.rsample(rng);
 * }</pre>
 */
public final class Exponential extends AbstractDistribution {
  private static final String NAME = "Exponential";
  private final Tensor rate;

  public Exponential(Tensor rate) {
    super(NAME, rate.shape(), new long[0], rate.dataType());
    requirePositive(NAME, "rate", rate);
    this.rate = rate;
  }

  /**
   * From a plain number, as Pyro's {@code Exponential(2.)}: a scalar rate of type double.
   *
   * <pre>{@code
   * Tensor t = sample("t", new Exponential(2.0));
   * }</pre>
   */
  public Exponential(double rate) {
    this(PlainNumbers.scalar(rate));
  }

  /**
   * The same as {@link #Exponential(double)}.
   *
   * <pre>{@code
   * Tensor t = sample("t", Exponential.of(2.0));
   * }</pre>
   */
  public static Exponential of(double rate) {
    return new Exponential(rate);
  }

  public Tensor rate() {
    return rate;
  }

  /** log λ − λx. */
  @Override
  public Tensor logProb(Tensor value) {
    Tensor x = prepareValue(value, true);
    return rate.log().sub(rate.mul(x));
  }

  @Override
  public Tensor sample(RandomStream rng) {
    return rsample(rng).detach();
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  @Override
  public Tensor rsample(RandomStream rng) {
    INDArray u = rng.uniform(dataType(), 0.0, 1.0, batchShape());
    // -log(1 - u) with u in [0, 1): finite, since 1 - u > 0.
    INDArray e = org.nd4j.linalg.ops.transforms.Transforms.log(u.rsubi(1.0), false).negi();
    return constant(e).div(rate);
  }

  @Override
  public Tensor mean() {
    return rate.pow(-1.0);
  }

  @Override
  public Tensor variance() {
    return rate.pow(-2.0);
  }

  /** 1 − log λ. */
  @Override
  public Tensor entropy() {
    return rate.log().neg().add(1.0);
  }

  @Override
  public Exponential expand(long... batchShape) {
    return new Exponential(expandParam(rate, batchShape));
  }

  @Override
  protected void checkSupport(INDArray value) {
    if (org.pmm.tensor.Ops.hasNonFinite(value) || value.minNumber().doubleValue() < 0) {
      requireSupport(value, "x >= 0", x -> !(x >= 0) || Double.isInfinite(x));
    }
  }

  @Override
  public Support support() {
    return Support.POSITIVE;
  }
}
