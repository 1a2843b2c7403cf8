package org.pmm.infer.autoguide;

import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.Pmm;
import org.pmm.distributions.Delta;
import org.pmm.distributions.Distribution;
import org.pmm.distributions.Independent;
import org.pmm.distributions.constraints.Constraint;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.nn.Init;
import org.pmm.tensor.Tensor;

/**
 * A point-mass guide, as Pyro's {@code AutoDelta}: every latent site is a parameter in the site's
 * support, so that maximising the ELBO maximises log p(x, z), a MAP estimate (in the support's
 * own coordinates, without a Jacobian). Parameters start at the feasible point f(0): 0 for reals,
 * 1 for positive sites, 0.5 on the unit interval, the uniform point of a simplex.
 *
 * <pre>{@code
 * AutoDelta<Tensor> map = new AutoDelta<>(model);
 * svi = new Svi<>(model, map, new Adam(0.01), Elbos.create("trace"));
 * }</pre>
 *
 * @param <A> the type of the model's argument
 */
public final class AutoDelta<A> extends AutoGuide<A> {

  /** Parameters named {@code AutoDelta.locs.SITE}. */
  public AutoDelta(Function<A, ?> model) {
    this(model, "AutoDelta");
  }

  public AutoDelta(Function<A, ?> model, String prefix) {
    super(model, prefix);
  }

  @Override
  protected Distribution posterior(LatentSite site) {
    return Independent.of(new Delta(median(site)), site.eventRank());
  }

  @Override
  protected Tensor median(LatentSite site) {
    Constraint c = constraint(site);
    return Pmm.param(paramName("locs", site), () -> feasible(site), c);
  }

  @Override
  protected String describe() {
    return "auto_delta";
  }

  private static Constraint constraint(LatentSite site) {
    return switch (site.support()) {
      case POSITIVE -> Constraints.positiveExp();
      case UNIT_INTERVAL -> Constraints.unitInterval();
      case SIMPLEX -> Constraints.simplex();
      default -> Constraints.real();
    };
  }

  /** f(0) of the site's support, with the site's shape. */
  private static INDArray feasible(LatentSite site) {
    long[] shape = site.shape();
    return switch (site.support()) {
      case POSITIVE -> Init.filled(site.type(), 1.0, shape);
      case UNIT_INTERVAL -> Init.filled(site.type(), 0.5, shape);
      case SIMPLEX -> Init.filled(site.type(), 1.0 / shape[shape.length - 1], shape);
      default -> Init.zeros(site.type(), shape);
    };
  }
}
