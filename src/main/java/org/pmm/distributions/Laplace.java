package org.pmm.distributions;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.Ops;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;
import org.pmm.tensor.ops.LaplaceOps;

/**
 * The Laplace (double exponential) distribution with location {@code loc} and scale
 * {@code scale} > 0: density exp(−|x − loc| / scale) / (2 scale). Reparameterised:
 * x = loc + scale · ε with ε standard Laplace.
 *
 * <pre>{@code
 * Laplace prior = new Laplace(Tensor.scalar(0, FLOAT), Tensor.scalar(1, FLOAT));
 * Tensor w = new Laplace(loc, rho.softplus()).rsample(rng);
 * }</pre>
 */
public final class Laplace extends AbstractDistribution {
  private static final String NAME = "Laplace";
  private final Tensor loc;
  private final Tensor scale;
  /** The latest {@link #rsample} and its noise ε: a sample whose density needs no x − loc. */
  private Tensor ownSample;
  private Tensor ownNoise;

  public Laplace(Tensor loc, Tensor scale) {
    this(loc, scale, Shapes.broadcast(NAME, loc.shape(), scale.shape()));
  }

  private Laplace(Tensor loc, Tensor scale, long[] batchShape) {
    super(NAME, batchShape, new long[0],
        commonType(NAME, new String[] {"loc", "scale"}, loc, scale));
    requireFinite(NAME, "loc", loc);
    requirePositive(NAME, "scale", scale);
    this.loc = batchParam(loc);
    this.scale = batchParam(scale);
  }

  /**
   * From plain numbers, as Pyro's {@code Laplace(0., 1.)}: scalar parameters of type double.
   *
   * <pre>{@code
   * Tensor w = sample("w", new Laplace(0.0, 1.0));
   * }</pre>
   */
  public Laplace(double loc, double scale) {
    this(PlainNumbers.scalar(loc), PlainNumbers.scalar(scale));
  }

  /**
   * The same as {@link #Laplace(double, double)}.
   *
   * <pre>{@code
   * Tensor w = sample("w", Laplace.of(0.0, 1.0));
   * }</pre>
   */
  public static Laplace of(double loc, double scale) {
    return new Laplace(loc, scale);
  }

  public Tensor loc() {
    return loc;
  }

  public Tensor scale() {
    return scale;
  }

  @Override
  public Tensor logProb(Tensor value) {
    Tensor x = prepareValue(value, false);
    if (fits(loc, x) && fits(scale, x)) {
      return Ops.laplaceLogDensity(x, loc, scale);
    }
    return x.sub(loc).abs().div(scale).add(scale.mul(2.0).log()).neg();
  }

  @Override
  public Tensor logProbSum(Tensor value) {
    if (value == ownSample && fits(scale, ownNoise)) {
      // the guide's density of its own reparameterised sample: the same value and gradients
      // in a pass over ε and scale instead of one over x, loc and scale (Ops' Javadoc)
      return Ops.laplaceReparamLogDensitySum(ownNoise, scale);
    }
    Tensor x = prepareValue(value, false);
    if (fits(loc, x) && fits(scale, x)) {
      return Ops.laplaceLogDensitySum(x, loc, scale);
    }
    return logProb(value).sum();
  }

  /** A parameter the fused log-density takes as it is: a scalar or of the value's shape. */
  private static boolean fits(Tensor param, Tensor x) {
    return param.length() == 1 || java.util.Arrays.equals(param.shape(), x.shape());
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
    LaplaceOps.Reparameterised draw = LaplaceOps.rsample(loc, scale, rng, batchShape());
    ownSample = draw.sample();
    ownNoise = draw.noise();
    return ownSample;
  }

  @Override
  public Tensor mean() {
    return toBatch(loc);
  }

  @Override
  public Tensor variance() {
    return toBatch(scale.square().mul(2.0));
  }

  /** 1 + log(2 scale). */
  @Override
  public Tensor entropy() {
    return toBatch(scale.mul(2.0).log().add(1.0));
  }

  @Override
  public Laplace expand(long... batchShape) {
    return new Laplace(expandScalarParam(loc, batchShape),
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
