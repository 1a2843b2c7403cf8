package org.pmm.distributions;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * The Beta distribution on (0, 1) with concentrations a > 0 and b > 0: density
 * x^(a−1) (1 − x)^(b−1) / B(a, b). Draws are X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b);
 * {@link #rsample} differentiates through both by implicit reparameterisation.
 *
 * <pre>{@code
 * Beta p = new Beta(Tensor.scalar(2.4, DOUBLE), Tensor.scalar(3.6, DOUBLE));
 * }</pre>
 */
public final class Beta extends AbstractDistribution {
  private static final String NAME = "Beta";
  private final Tensor a;
  private final Tensor b;

  public Beta(Tensor concentration1, Tensor concentration0) {
    this(concentration1, concentration0,
        Shapes.broadcast(NAME, concentration1.shape(), concentration0.shape()));
  }

  private Beta(Tensor concentration1, Tensor concentration0, long[] batchShape) {
    super(NAME, batchShape,
        new long[0], commonType(NAME, new String[] {"concentration1", "concentration0"},
            concentration1, concentration0));
    requirePositive(NAME, "concentration1", concentration1);
    requirePositive(NAME, "concentration0", concentration0);
    this.a = batchParam(concentration1);
    this.b = batchParam(concentration0);
  }

  /**
   * From plain numbers, as Pyro's {@code Beta(2., 3.)}: scalar parameters of type double.
   *
   * <pre>{@code
   * Tensor p = sample("p", new Beta(1, 1));
   * }</pre>
   */
  public Beta(double concentration1, double concentration0) {
    this(PlainNumbers.scalar(concentration1), PlainNumbers.scalar(concentration0));
  }

  /**
   * The same as {@link #Beta(double, double)}.
   *
   * <pre>{@code
   * Tensor p = sample("p", Beta.of(2, 3));
   * }</pre>
   */
  public static Beta of(double concentration1, double concentration0) {
    return new Beta(concentration1, concentration0);
  }

  /** a, the exponent of x. */
  public Tensor concentration1() {
    return a;
  }

  /** b, the exponent of 1 − x. */
  public Tensor concentration0() {
    return b;
  }

  /** (a − 1) log x + (b − 1) log(1 − x) − log B(a, b). */
  @Override
  public Tensor logProb(Tensor value) {
    Tensor x = prepareValue(value, true);
    return a.sub(1.0).mul(x.log()).add(b.sub(1.0).mul(x.neg().log1p()))
        .sub(TensorMath.logBeta(a, b));
  }

  @Override
  public Tensor sample(RandomStream rng) {
    return draw(rng, false).detach();
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
    Tensor x = GammaSampling.standardGamma(toBatch(a), rng, differentiable);
    Tensor y = GammaSampling.standardGamma(toBatch(b), rng, differentiable);
    return x.div(x.add(y));
  }

  @Override
  public Tensor mean() {
    return toBatch(a.div(a.add(b)));
  }

  /** ab / ((a + b)² (a + b + 1)). */
  @Override
  public Tensor variance() {
    Tensor total = a.add(b);
    return toBatch(a.mul(b).div(total.square().mul(total.add(1.0))));
  }

  /** log B(a, b) − (a − 1) ψ(a) − (b − 1) ψ(b) + (a + b − 2) ψ(a + b). */
  @Override
  public Tensor entropy() {
    Tensor total = a.add(b);
    Tensor h = TensorMath.logBeta(a, b)
        .sub(a.sub(1.0).mul(TensorMath.digamma(a)))
        .sub(b.sub(1.0).mul(TensorMath.digamma(b)))
        .add(total.sub(2.0).mul(TensorMath.digamma(total)));
    return toBatch(h);
  }

  @Override
  public Beta expand(long... batchShape) {
    return new Beta(expandScalarParam(a, batchShape),
        expandScalarParam(b, batchShape), batchShape);
  }

  @Override
  protected void checkSupport(INDArray value) {
    if (value.length() > 0 && (org.pmm.tensor.Ops.hasNonFinite(value)
        || value.minNumber().doubleValue() <= 0 || value.maxNumber().doubleValue() >= 1)) {
      requireSupport(value, "0 < x < 1", x -> !(x > 0 && x < 1));
    }
  }

  @Override
  public Support support() {
    return Support.UNIT_INTERVAL;
  }
}
