package org.pmm.distributions;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pmm.tensor.Ops;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * The Dirichlet distribution on the probability simplex, with concentration α > 0 over the last
 * dimension (event shape [K]). Draws are normalised Gamma(α_k) variables; {@link #rsample}
 * differentiates through them by implicit reparameterisation.
 *
 * <pre>{@code
 * Dirichlet mix = new Dirichlet(alpha);            // alpha: [K]
 * Tensor lp = mix.logProb(weights);                // weights: [K], summing to 1
 * }</pre>
 */
public final class Dirichlet extends AbstractDistribution {
  private static final String NAME = "Dirichlet";
  private final Tensor concentration;

  public Dirichlet(Tensor concentration) {
    super(NAME, Shapes.dropLast(requireVector(concentration), 1),
        Shapes.last(concentration.shape(), 1), concentration.dataType());
    requirePositive(NAME, "concentration", concentration);
    this.concentration = concentration;
  }

  /**
   * From plain numbers, as Pyro's {@code Dirichlet(torch.tensor([1., 2., 3.]))}: a
   * concentration vector of type double (event shape [K], K the number of values).
   *
   * <pre>{@code
   * Tensor weights = sample("weights", new Dirichlet(1.0, 2.0, 3.0));
   * }</pre>
   */
  public Dirichlet(double... concentration) {
    this(PlainNumbers.vector(concentration));
  }

  /**
   * The same as {@link #Dirichlet(double...)}.
   *
   * <pre>{@code
   * Tensor weights = sample("weights", Dirichlet.of(new double[] {1, 1, 1}));
   * }</pre>
   */
  public static Dirichlet of(double... concentration) {
    return new Dirichlet(concentration);
  }

  private static long[] requireVector(Tensor t) {
    if (t.rank() == 0 || t.size(-1) < 1) {
      throw new InvalidDistributionException(NAME + ": 'concentration' needs a last dimension "
          + "of categories, found shape " + Arrays.toString(t.shape()));
    }
    return t.shape();
  }

  public Tensor concentration() {
    return concentration;
  }

  private Tensor total() {
    return concentration.sum(false, -1);
  }

  /** Σ (α_k − 1) log x_k + log Γ(α₀) − Σ log Γ(α_k), α₀ = Σ α_k. */
  @Override
  public Tensor logProb(Tensor value) {
    Tensor x = prepareValue(value, true);
    Tensor kernel = concentration.sub(1.0).mul(x.log()).sum(false, -1);
    return kernel.add(logNormaliser().neg());
  }

  /** log of the multivariate Beta function: Σ log Γ(α_k) − log Γ(α₀). */
  private Tensor logNormaliser() {
    return TensorMath.lgamma(concentration).sum(false, -1).sub(TensorMath.lgamma(total()));
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
    Tensor alpha = TensorMath.broadcastTo(concentration, sampleShape());
    Tensor g = GammaSampling.standardGamma(alpha, rng, differentiable);
    return g.div(g.sum(true, -1));
  }

  @Override
  public Tensor mean() {
    return concentration.div(concentration.sum(true, -1));
  }

  /** α_k (α₀ − α_k) / (α₀² (α₀ + 1)). */
  @Override
  public Tensor variance() {
    Tensor total = concentration.sum(true, -1);
    return concentration.mul(total.sub(concentration))
        .div(total.square().mul(total.add(1.0)));
  }

  /** log B(α) + (α₀ − K) ψ(α₀) − Σ (α_k − 1) ψ(α_k). */
  @Override
  public Tensor entropy() {
    double k = concentration.size(-1);
    Tensor total = total();
    return logNormaliser()
        .add(total.sub(k).mul(TensorMath.digamma(total)))
        .sub(concentration.sub(1.0).mul(TensorMath.digamma(concentration)).sum(false, -1));
  }

  @Override
  public Dirichlet expand(long... batchShape) {
    return new Dirichlet(expandParam(concentration, batchShape, 1));
  }

  /** Positive components summing to 1 within a tolerance suited to the data type. */
  @Override
  protected void checkSupport(INDArray value) {
    if (value.length() == 0) {
      return;
    }
    if (Ops.hasNonFinite(value) || value.minNumber().doubleValue() <= 0) {
      requireSupport(value, "positive components summing to 1", x -> !(x > 0)
          || Double.isInfinite(x));
    }
    double tolerance = value.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE
        ? 1e-6 : 1e-4;
    INDArray sums = value.sum(false, value.rank() - 1);
    INDArray error = Transforms.abs(sums.sub(1.0), false);
    if (error.maxNumber().doubleValue() > tolerance) {
      double[] s = TensorMath.toDoubles(sums);
      for (int i = 0; i < s.length; i++) {
        if (Math.abs(s[i] - 1.0) > tolerance) {
          throw new InvalidDistributionException(name() + ": value at batch index "
              + indexString(sums.shape(), i) + " sums to " + s[i]
              + ", outside the support (positive components summing to 1)");
        }
      }
    }
  }

  @Override
  public Support support() {
    return Support.SIMPLEX;
  }
}
