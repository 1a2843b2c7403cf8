package org.pmm.distributions;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * The normal distribution with mean {@code loc} and standard deviation {@code scale} > 0.
 * Reparameterised: x = loc + scale · ε with ε standard normal.
 *
 * <pre>{@code
 * Normal q = new Normal(mu, logSigma.exp());
 * Tensor lp = q.logProb(q.rsample(rng));
 * }</pre>
 */
public final class Normal extends AbstractDistribution {
  private static final String NAME = "Normal";
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
  private final Tensor loc;
  private final Tensor scale;

  public Normal(Tensor loc, Tensor scale) {
    this(loc, scale, Shapes.broadcast(NAME, loc.shape(), scale.shape()));
  }

  private Normal(Tensor loc, Tensor scale, long[] batchShape) {
    super(NAME, batchShape, new long[0],
        commonType(NAME, new String[] {"loc", "scale"}, loc, scale));
    requireFinite(NAME, "loc", loc);
    requirePositive(NAME, "scale", scale);
    this.loc = batchParam(loc);
    this.scale = batchParam(scale);
  }

  /**
   * From plain numbers, as Pyro's {@code Normal(0., 1.)}: scalar parameters of type double.
   *
   * <pre>{@code
   * Tensor mu = sample("mu", new Normal(0.0, 1.0));
   * }</pre>
   */
  public Normal(double loc, double scale) {
    this(PlainNumbers.scalar(loc), PlainNumbers.scalar(scale));
  }

  /**
   * The same as {@link #Normal(double, double)}.
   *
   * <pre>{@code
   * Tensor mu = sample("mu", Normal.of(0.0, 1.0));
   * }</pre>
   */
  public static Normal of(double loc, double scale) {
    return new Normal(loc, scale);
  }

  public Tensor loc() {
    return loc;
  }

  public Tensor scale() {
    return scale;
  }

  /** −(x − loc)² / (2 scale²) − log scale − ½ log 2π. */
  @Override
  public Tensor logProb(Tensor value) {
    Tensor x = prepareValue(value, false);
    Tensor z = x.sub(loc).div(scale);
    return z.square().mul(-0.5).sub(scale.log()).sub(HALF_LOG_TWO_PI);
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
    Tensor eps = fresh(rng.normal(dataType(), batchShape()));
    return loc.add(scale.mul(eps));
  }

  @Override
  public Tensor mean() {
    return toBatch(loc);
  }

  @Override
  public Tensor variance() {
    return toBatch(scale.square());
  }

  /** ½ + ½ log 2π + log scale. */
  @Override
  public Tensor entropy() {
    return toBatch(scale.log().add(0.5 + HALF_LOG_TWO_PI));
  }

  @Override
  public Normal expand(long... batchShape) {
    return new Normal(expandScalarParam(loc, batchShape),
        expandScalarParam(scale, batchShape), batchShape);
  }

  @Override
  protected void checkSupport(INDArray value) {
    requireReal(value);
  }

  @Override
  public Support support() {
    return Support.REAL;
  }
}
