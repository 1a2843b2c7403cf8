package org.pmm.distributions;

import java.util.Arrays;
import org.pmm.distributions.transforms.Bijection;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * A distribution on a constrained support made by mapping draws of a base distribution on
 * unconstrained space through the support's bijection f: y = f(u), and
 * log q(y) = log q_u(u) − log|det ∂f/∂u| with u = f⁻¹(y). The autoguides' distribution: a
 * Normal in unconstrained space carried onto a Beta's unit interval, a Gamma's positive reals or
 * a Dirichlet's simplex.
 *
 * <p>The u of the last draw is kept, so that scoring that very draw (as an ELBO does right after
 * drawing it) uses u itself rather than f⁻¹(f(u)), which loses precision where f saturates.
 *
 * <pre>{@code
 * Distribution q = new TransformedDistribution(new Normal(loc, scale), Support.UNIT_INTERVAL);
 * Tensor p = q.rsample(rng);       // sigmoid(loc + scale * eps), differentiable
 * Tensor lp = q.logProb(p);        // Normal log-density at u minus log σ'(u)
 * }</pre>
 */
public final class TransformedDistribution implements Distribution {
  private final Distribution base;
  private final Support support;
  private final Bijection f;
  private Tensor lastDraw;
  private Tensor lastU;

  /**
   * @param base a distribution on unconstrained space whose event rank is at least the
   *     bijection's (1 for the simplex)
   * @param support the continuous support whose bijection maps base draws
   */
  public TransformedDistribution(Distribution base, Support support) {
    if (!support.continuous()) {
      throw new InvalidDistributionException("a transformed distribution needs a continuous "
          + "support, got " + support);
    }
    this.base = base;
    this.support = support;
    this.f = support.bijection();
    if (base.eventShape().length < f.eventRank()) {
      throw new InvalidDistributionException(base.name() + " mapped by " + f.describe()
          + " needs an event of rank " + f.eventRank() + ", its event shape is "
          + Arrays.toString(base.eventShape()));
    }
  }

  /** The distribution on unconstrained space. */
  public Distribution base() {
    return base;
  }

  @Override
  public String name() {
    return base.name() + " mapped by " + f.describe();
  }

  @Override
  public long[] batchShape() {
    return base.batchShape();
  }

  @Override
  public long[] eventShape() {
    long[] e = base.eventShape();
    if (f.eventRank() == 1) {
      e[e.length - 1]++;
    }
    return e;
  }

  @Override
  public Support support() {
    return support;
  }

  @Override
  public Tensor logProb(Tensor value) {
    checkValue(value);
    Tensor u = value == lastDraw ? lastU : f.inverse(value);
    Tensor ladj = f.logAbsDetJacobian(u, value);
    int extra = base.eventShape().length - f.eventRank();
    if (extra > 0) {
      ladj = ladj.sum(false, Shapes.lastAxes(ladj.rank(), extra));
    }
    return base.logProb(u).sub(ladj);
  }

  @Override
  public Tensor sample(RandomStream rng) {
    return remember(base.sample(rng)).detach();
  }

  @Override
  public boolean hasRsample() {
    return base.hasRsample();
  }

  @Override
  public Tensor rsample(RandomStream rng) {
    return remember(base.rsample(rng));
  }

  private Tensor remember(Tensor u) {
    Tensor y = f.forward(u);
    lastU = u;
    lastDraw = y;
    return y;
  }

  /** No closed form: throws. */
  @Override
  public Tensor mean() {
    throw new UnsupportedOperationException(name() + " has no closed-form mean; average draws "
        + "instead, or take f of the base's mean (its median for a symmetric base)");
  }

  @Override
  public Tensor variance() {
    throw new UnsupportedOperationException(name() + " has no closed-form variance");
  }

  @Override
  public Tensor entropy() {
    throw new UnsupportedOperationException(name() + " has no closed-form entropy");
  }

  @Override
  public Distribution toEvent(int n) {
    return Independent.of(this, n);
  }

  @Override
  public Distribution expand(long... batchShape) {
    return new TransformedDistribution(base.expand(batchShape), support);
  }

  @Override
  public void checkValue(Tensor value) {
    long[] event = eventShape();
    long[] shape = value.shape();
    boolean ok = shape.length >= event.length
        && Arrays.equals(Shapes.last(shape, event.length), event);
    if (!ok) {
      throw new InvalidDistributionException(name() + ": value shape " + Arrays.toString(shape)
          + " does not end in the event shape " + Arrays.toString(event));
    }
  }
}
