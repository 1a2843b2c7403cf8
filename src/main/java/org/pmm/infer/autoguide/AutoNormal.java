package org.pmm.infer.autoguide;

import java.util.function.Function;
import org.pmm.Pmm;
import org.pmm.distributions.Distribution;
import org.pmm.distributions.Independent;
import org.pmm.distributions.Normal;
import org.pmm.distributions.Support;
import org.pmm.distributions.TransformedDistribution;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.nn.Init;
import org.pmm.tensor.Tensor;

/**
 * A mean-field Normal guide in unconstrained space, as Pyro's {@code AutoNormal}: every latent
 * site z gets u ~ Normal(loc, scale) element by element and z = f(u), f the bijection onto z's
 * support (identity for reals, exp for positive, sigmoid for the unit interval, stick-breaking
 * for the simplex). Locations start at 0 (z = f(0), a feasible point), scales at 0.1, the
 * scales kept positive by softplus.
 *
 * <pre>{@code
 * AutoNormal<Tensor> guide = new AutoNormal<>(model);
 * svi = new Svi<>(model, guide, new Adam(0.01), Elbos.create("trace"));
 * }</pre>
 *
 * @param <A> the type of the model's argument
 */
public final class AutoNormal<A> extends AutoGuide<A> {
  /** The initial scale of every element, as Pyro's default. */
  public static final double INIT_SCALE = 0.1;

  /** Parameters named {@code AutoNormal.locs.SITE} and {@code AutoNormal.scales.SITE}. */
  public AutoNormal(Function<A, ?> model) {
    this(model, "AutoNormal");
  }

  public AutoNormal(Function<A, ?> model, String prefix) {
    super(model, prefix);
  }

  @Override
  protected Distribution posterior(LatentSite site) {
    long[] u = site.support().bijection().unconstrainedShape(site.shape());
    Tensor loc = loc(site);
    Tensor scale = Pmm.param(paramName("scales", site),
        () -> Init.filled(site.type(), INIT_SCALE, u), Constraints.positive());
    Distribution base = Independent.of(new Normal(loc, scale), site.eventRank());
    return site.support() == Support.REAL ? base : new TransformedDistribution(base, site.support());
  }

  /** f(loc): the median of each element (f is monotone element-wise; for the simplex, its image). */
  @Override
  protected Tensor median(LatentSite site) {
    return site.support().bijection().forward(loc(site)).detach();
  }

  /** The location in unconstrained space, created at 0 (z = f(0), a feasible point). */
  private Tensor loc(LatentSite site) {
    long[] u = site.support().bijection().unconstrainedShape(site.shape());
    return Pmm.param(paramName("locs", site), () -> Init.zeros(site.type(), u));
  }

  @Override
  protected String describe() {
    return "auto_normal";
  }
}
