package org.pmm.infer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.Pmm;
import org.pmm.handlers.Message;
import org.pmm.handlers.SeedMessenger;
import org.pmm.handlers.Site;
import org.pmm.handlers.StepSeed;
import org.pmm.handlers.Trace;
import org.pmm.params.ParamStore;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;

/**
 * Posterior predictive draws, as Pyro's {@code Predictive(model, guide=guide, num_samples=S)}:
 * draw s runs the guide, then the model conditioned on the guide's latent values, and keeps the
 * values of the model's sample sites. Call it with arguments whose observations are left out
 * (null), so that the observed sites are drawn from their distributions instead of scored. Draw s
 * runs under the seed {@code StepSeed.of(seed, s)}: the same seed gives the same draws.
 *
 * <pre>{@code
 * Predictive<Tensor> predictive = new Predictive<>(model, guide, store, 1000, 0);
 * Map<String, INDArray> draws = predictive.call(null);   // flips observed as null
 * INDArray flips = draws.get("flips");                   // [1000, 4]
 * }</pre>
 *
 * @param <A> the type of the model's and guide's argument
 */
public final class Predictive<A> {
  private final Function<A, ?> model;
  private final Function<A, ?> guide;
  private final ParamStore store;
  private final int samples;
  private final long seed;
  private final Set<String> returnSites;

  /** Every sample site of the model is returned. */
  public Predictive(Function<A, ?> model, Function<A, ?> guide, ParamStore store, int samples,
      long seed) {
    this(model, guide, store, samples, seed, null);
  }

  /** Only {@code returnSites} are returned (all of the model's sample sites when null). */
  public Predictive(Function<A, ?> model, Function<A, ?> guide, ParamStore store, int samples,
      long seed, Set<String> returnSites) {
    if (samples < 1) {
      throw new IllegalArgumentException("Predictive needs at least one sample, got " + samples);
    }
    this.model = model;
    this.guide = guide;
    this.store = store;
    this.samples = samples;
    this.seed = seed;
    this.returnSites = returnSites == null ? null : Set.copyOf(returnSites);
  }

  /** The draws of each returned site, stacked along a new first dimension of size S. */
  public Map<String, INDArray> call(A args) {
    return callPerDraw(s -> args);
  }

  /**
   * As {@link #call(Object)}, with the arguments of draw s from {@code argsOfDraw}: for models
   * whose argument carries per-run state that must not be shared between draws.
   */
  public Map<String, INDArray> callPerDraw(IntFunction<A> argsOfDraw) {
    Map<String, List<INDArray>> draws = new LinkedHashMap<>();
    Set<String> seen = new java.util.LinkedHashSet<>();
    for (int s = 0; s < samples; s++) {
      A args = argsOfDraw.apply(s);
      try (ParamStore.Activation active = store.activate();
          StepScope scope = StepScope.open();
          SeedMessenger seeded = Pmm.seed(StepSeed.of(seed, s)).enter()) {
        Map<String, Tensor> latent = new LinkedHashMap<>();
        for (Site site : Pmm.trace(guide, args).sites()) {
          if (site.type() == Message.Type.SAMPLE) {
            latent.put(site.name(), site.value());
          }
        }
        // condition, not replay: the sites the guide does not draw (the left-out observations)
        // are drawn from the model; inside the trace, so that it records the guide's values
        Trace predicted = Pmm.trace(Pmm.condition(latent).wrap(model), args);
        for (Site site : predicted.sites()) {
          if (site.type() == Message.Type.SAMPLE) {
            seen.add(site.name());
          }
          if (site.type() == Message.Type.SAMPLE
              && (returnSites == null || returnSites.contains(site.name()))) {
            draws.computeIfAbsent(site.name(), k -> new ArrayList<>())
                .add(site.value().value().dup());
          }
        }
      }
    }
    if (returnSites != null) {
      for (String name : returnSites) {
        if (!seen.contains(name)) {
          throw new IllegalArgumentException("Predictive: the model has no sample site '" + name
              + "' (it has " + seen + ")");
        }
      }
    }
    Map<String, INDArray> out = new LinkedHashMap<>();
    draws.forEach((name, list) -> out.put(name, Nd4j.stack(0, list.toArray(INDArray[]::new))));
    return out;
  }
}
