package org.pmm.infer.autoguide;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.pmm.Pmm;
import org.pmm.distributions.Distribution;
import org.pmm.handlers.BlockMessenger;
import org.pmm.handlers.Message;
import org.pmm.handlers.PlateFrame;
import org.pmm.handlers.Site;
import org.pmm.handlers.Trace;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * A guide written from the model, as Pyro's autoguides: on its first call it runs the model once
 * (hidden from every handler outside, so the run is not scored) to find the latent sites, their
 * shapes and supports; every call then draws each latent site from {@link #posterior} through
 * {@link Pmm#sample}, with parameters named {@code prefix.locs.SITE}, {@code prefix.scales.SITE}.
 *
 * <pre>{@code
 * AutoNormal<Tensor> guide = new AutoNormal<>(model);
 * Svi<Tensor> svi = new Svi<>(model, guide, new Adam(0.01), Elbos.create("trace"));
 * svi.step(data);
 * Map<String, Tensor> point = guide.median(data);   // the guide's point estimate per site
 * }</pre>
 *
 * <p>Latent sites inside a plate that subsamples are refused: their parameters would need one
 * entry per element of the full plate, indexed by the subsample (not supported yet).
 *
 * @param <A> the type of the model's argument
 */
public abstract class AutoGuide<A> implements Function<A, Map<String, Tensor>> {
  private final Function<A, ?> model;
  private final String prefix;
  private Predicate<String> guided = name -> true;
  private List<LatentSite> sites;

  /**
   * @param model the model the guide approximates the posterior of
   * @param prefix the start of its parameters' names
   */
  protected AutoGuide(Function<A, ?> model, String prefix) {
    this.model = model;
    this.prefix = prefix;
  }

  /**
   * Guides only the unobserved sites whose names {@code guided} accepts (by default every one):
   * for a caller that runs the model with some observations left out, to be drawn, and must
   * not have them taken for latent sites.
   */
  public final AutoGuide<A> guiding(Predicate<String> guided) {
    this.guided = guided;
    return this;
  }

  /** Draws every latent site of the model through {@link Pmm#sample}; returns the values by site. */
  @Override
  public final Map<String, Tensor> apply(A args) {
    Map<String, Tensor> values = new LinkedHashMap<>();
    for (LatentSite site : setup(args)) {
      values.put(site.name(), Pmm.sample(site.name(), posterior(site)));
    }
    return values;
  }

  /** The guide's point estimate of every latent site (in the site's support). */
  public final Map<String, Tensor> median(A args) {
    Map<String, Tensor> values = new LinkedHashMap<>();
    for (LatentSite site : setup(args)) {
      values.put(site.name(), median(site));
    }
    return values;
  }

  /** One draw of every latent site, without gradient and outside the handler stack. */
  public final Map<String, Tensor> draw(A args, RandomStream rng) {
    Map<String, Tensor> values = new LinkedHashMap<>();
    for (LatentSite site : setup(args)) {
      values.put(site.name(), posterior(site).sample(rng));
    }
    return values;
  }

  /**
   * The model's latent sites, found by running the model on {@code args} the first time; later
   * calls return the same list. {@code args} must make the model run as in training (every
   * latent site drawn through {@link Pmm#sample}).
   *
   * @throws IllegalArgumentException for a latent site this guide cannot approximate (a discrete
   *     one, or one inside a subsampled plate), naming the site
   */
  public final List<LatentSite> setup(A args) {
    if (sites == null) {
      sites = Collections.unmodifiableList(discover(args));
    }
    return sites;
  }

  /** The name of the parameter {@code kind} ("locs", "scales") of {@code site}. */
  protected final String paramName(String kind, LatentSite site) {
    return prefix + "." + kind + "." + site.name();
  }

  /** The guide's distribution of one site (creating or fetching its parameters). */
  protected abstract Distribution posterior(LatentSite site);

  /** The guide's point estimate of one site. */
  protected abstract Tensor median(LatentSite site);

  /** The guide's name in messages, e.g. "auto_normal". */
  protected abstract String describe();

  private List<LatentSite> discover(A args) {
    Trace prototype;
    try (BlockMessenger hidden = Pmm.block().enter()) {
      prototype = Pmm.trace(model, args);
    }
    List<LatentSite> found = new ArrayList<>();
    for (Site s : prototype.sites()) {
      if (s.type() != Message.Type.SAMPLE || s.observed() || !guided.test(s.name())) {
        continue;
      }
      Distribution d = s.distribution();
      if (!d.support().continuous()) {
        throw new IllegalArgumentException(describe() + " cannot guide the site '" + s.name()
            + "': " + d.name() + " is discrete (support: " + d.support()
            + "); write a guide for it, or sum it out of the model");
      }
      for (PlateFrame p : s.plates()) {
        if (p.subsampleSize() < p.size()) {
          throw new IllegalArgumentException(describe() + " cannot guide the site '" + s.name()
              + "' inside plate '" + p.name() + "', which subsamples " + p.subsampleSize()
              + " of " + p.size() + ": use the full plate or write a guide for it");
        }
      }
      Tensor value = s.value();
      found.add(new LatentSite(s.name(), value.shape(), d.batchShape().length, d.support(),
          value.dataType(), s.plates()));
    }
    return found;
  }
}
