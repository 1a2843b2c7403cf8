package org.pmm.distributions;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * The Gamma distribution with shape {@code concentration} α > 0 and {@code rate} β > 0:
 * density β^α x^(α−1) e^(−βx) / Γ(α) on x > 0. {@link #rsample} uses implicit
 * reparameterisation (see {@link GammaSampling}).
 *
 * <pre>{@code
 * Gamma precision = new Gamma(Tensor.scalar(2.4, DOUBLE), Tensor.scalar(3.2, DOUBLE));
 * }</pre>
 */
public final class Gamma extends AbstractDistribution {
  private static final String NAME = "Gamma";
  private final Tensor concentration;
  private final Tensor rate;

  public Gamma(Tensor concentration, Tensor rate) {
    this(concentration, rate, Shapes.broadcast(NAME, concentration.shape(), rate.shape()));
  }

  private Gamma(Tensor concentration, Tensor rate, long[] batchShape) {
    super(NAME, batchShape, new long[0],
        commonType(NAME, new String[] {"concentration", "rate"}, concentration, rate));
    requirePositive(NAME, "concentration", concentration);
    requirePositive(NAME, "rate", rate);
    this.concentration = batchParam(concentration);
    this.rate = batchParam(rate);
  }

  /**
   * From plain numbers, as Pyro's {@code Gamma(2., 3.)}: scalar parameters of type double.
   *
   * <pre>{@code
   * Tensor precision = sample("precision", new Gamma(2, 3));
   * }</pre>
   */
  public Gamma(double concentration, double rate) {
    this(PlainNumbers.scalar(concentration), PlainNumbers.scalar(rate));
  }

  /**
   * The same as {@link #Gamma(double, double)}.
   *
   * <pre>{@code
   * Tensor precision = sample("precision", Gamma.of(1, 1));
   * }</pre>
   */
  public static Gamma of(double concentration, double rate) {
    return new Gamma(concentration, rate);
  }

  public Tensor concentration() {
    return concentration;
  }

  public Tensor rate() {
    return rate;
  }

  /** α log β + (α − 1) log x − βx − log Γ(α). */
  @Override
  public Tensor logProb(Tensor value) {
    Tensor x = prepareValue(value, true);
    Tensor a = concentration;
    return a.mul(rate.log()).add(a.sub(1.0).mul(x.log())).sub(rate.mul(x))
        .sub(TensorMath.lgamma(a));
  }

  @Override
  public Tensor sample(RandomStream rng) {
    return draw(rng, false);
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  @Override
  public Tensor rsample(RandomStream rng) {
    return draw(rng, true);
  }

  private Tensor draw(RandomStream rng, boolean differentiable) {
    Tensor z = GammaSampling.standardGamma(toBatch(concentration), rng, differentiable)
        .div(rate);
    return differentiable ? z : z.detach();
  }

  @Override
  public Tensor mean() {
    return toBatch(concentration.div(rate));
  }

  @Override
  public Tensor variance() {
    return toBatch(concentration.div(rate.square()));
  }

  /** α − log β + log Γ(α) + (1 − α) ψ(α). */
  @Override
  public Tensor entropy() {
    Tensor a = concentration;
    Tensor h = a.sub(rate.log()).add(TensorMath.lgamma(a))
        .add(a.neg().add(1.0).mul(TensorMath.digamma(a)));
    return toBatch(h);
  }

  @Override
  public Gamma expand(long... batchShape) {
    return new Gamma(expandScalarParam(concentration, batchShape),
        expandScalarParam(rate, batchShape), batchShape);
  }

  @Override
  protected void checkSupport(INDArray value) {
    requirePositiveValues(value);
  }

  @Override
  public Support support() {
    return Support.POSITIVE;
  }
}
