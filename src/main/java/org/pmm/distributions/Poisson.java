package org.pmm.distributions;

import org.apache.commons.math3.random.RandomDataGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.Ops;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * The Poisson distribution over counts 0, 1, 2, ... with {@code rate} λ > 0:
 * P(k) = λ^k e^(−λ) / k!. Not reparameterisable (values are discrete).
 *
 * <pre>{@code
 * Tensor lp = new Poisson(rate).logProb(counts);
 * }</pre>
 */
public final class Poisson extends AbstractDistribution {
  private static final String NAME = "Poisson";
  private final Tensor rate;

  public Poisson(Tensor rate) {
    super(NAME, rate.shape(), new long[0], rate.dataType());
    requirePositive(NAME, "rate", rate);
    this.rate = rate;
  }

  /**
   * From a plain number, as Pyro's {@code Poisson(2.)}: a scalar rate of type double.
   *
   * <pre>{@code
   * Tensor k = sample("k", new Poisson(2.0));
   * }</pre>
   */
  public Poisson(double rate) {
    this(PlainNumbers.scalar(rate));
  }

  /**
   * The same as {@link #Poisson(double)}.
   *
   * <pre>{@code
   * Tensor k = sample("k", Poisson.of(2.0));
   * }</pre>
   */
  public static Poisson of(double rate) {
    return new Poisson(rate);
  }

  public Tensor rate() {
    return rate;
  }

  /** k log λ − λ − log k!. */
  @Override
  public Tensor logProb(Tensor value) {
    Tensor k = prepareValue(value, true);
    Tensor logFactorial = TensorMath.lgamma(k.detach().add(1.0));
    return k.mul(rate.log()).sub(rate).sub(logFactorial);
  }

  /** Commons Math's sampler (inversion for small λ, rejection for large), seeded from rng. */
  @Override
  public Tensor sample(RandomStream rng) {
    double[] lambda = TensorMath.toDoubles(toBatch(rate).value());
    RandomDataGenerator gen = GammaSampling.generator(rng);
    double[] counts = new double[lambda.length];
    for (int i = 0; i < lambda.length; i++) {
      counts[i] = gen.nextPoisson(lambda[i]);
    }
    return constant(TensorMath.fromDoubles(counts, batchShape(), dataType()));
  }

  @Override
  public Tensor mean() {
    return rate;
  }

  @Override
  public Tensor variance() {
    return rate;
  }

  /**
   * −Σ_k P(k) log P(k), summed over k = 0..K with K = λ_max + 12 √λ_max + 20, beyond which the
   * remaining mass is far below double precision. No closed form exists.
   */
  @Override
  public Tensor entropy() {
    double maxRate = rate.value().maxNumber().doubleValue();
    long terms = (long) Math.ceil(maxRate + 12 * Math.sqrt(maxRate) + 20);
    INDArray ks = Nd4j.arange(0, terms).castTo(dataType());
    Tensor k = constant(ks);
    Tensor logFactorial = TensorMath.lgamma(k.add(1.0));
    long[] table = Shapes.concat(rate.shape(), new long[] {terms});
    Tensor lambda = TensorMath.broadcastTo(rate.reshape(Shapes.concat(rate.shape(),
        new long[] {1})), table);
    Tensor logP = lambda.log().mul(k).sub(lambda).sub(logFactorial);
    return logP.exp().mul(logP).sum(false, -1).neg();
  }

  @Override
  public Poisson expand(long... batchShape) {
    return new Poisson(expandParam(rate, batchShape));
  }

  @Override
  protected void checkSupport(INDArray value) {
    INDArray fractional = value.sub(org.nd4j.linalg.ops.transforms.Transforms.round(value, true));
    if (value.length() > 0 && (Ops.hasNonFinite(value) || value.minNumber().doubleValue() < 0
        || fractional.amaxNumber().doubleValue() != 0)) {
      requireSupport(value, "a non-negative integer count", x -> !(x >= 0 && x == Math.rint(x))
          || Double.isInfinite(x));
    }
  }

  @Override
  public Support support() {
    return Support.NONNEGATIVE_INTEGER;
  }
}
