package org.pmm.infer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pmm.handlers.Message;
import org.pmm.handlers.Site;
import org.pmm.tensor.Tensor;

/**
 * TraceGraph_ELBO (the paper's ELBOv2): the loss of {@link TraceElbo}, with Rao-Blackwellised
 * score-function gradients. Each non-reparameterised guide site j contributes
 * Σ log q(z_j) · stop_gradient(cost_j − b_j) to the surrogate, element by element over j's
 * plates, where cost_j is the part of log p − log q downstream of j ({@link DownstreamCosts}
 * documents the exact dependency rule) and b_j an optional {@link Baseline}. Learned baselines
 * add Σ (cost_j − b_j)² to the surrogate loss. The direct term −log q(z_j) of such a site is left
 * out of the surrogate (its gradient has expectation zero), as in Pyro.
 *
 * <p>When every latent site is reparameterised there is no score term and the loss and gradients
 * are exactly those of {@link TraceElbo} for the same draws.
 *
 * <p>Follows Schulman et al. 2015, "Gradient estimation using stochastic computation graphs",
 * and Pyro's {@code tracegraph_elbo.py}.
 *
 * <pre>{@code
 * Elbo elbo = TraceGraphElbo.builder()
 *     .baseline(Baseline.decayingAverage(0.9))          // every non-reparameterised site
 *     .baseline("assignment", Baseline.learnedValue())  // this site instead
 *     .build();
 * }</pre>
 */
public class TraceGraphElbo extends Elbo {
  private final Baseline defaultBaseline;
  private final Map<String, Baseline> siteBaselines;
  private final BaselineState baselines = new BaselineState();

  /** Without baselines. */
  public TraceGraphElbo(int numParticles) {
    this(numParticles, Baseline.none(), Map.of());
  }

  public TraceGraphElbo(int numParticles, Baseline defaultBaseline,
      Map<String, Baseline> siteBaselines) {
    super(numParticles);
    this.defaultBaseline = defaultBaseline;
    this.siteBaselines = Map.copyOf(siteBaselines);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "tracegraph";
  }

  /** The baseline used for {@code site}. */
  public Baseline baselineFor(String site) {
    return siteBaselines.getOrDefault(site, defaultBaseline);
  }

  /** The decaying averages of the baselines by site (live; see {@link Elbo#statistics()}). */
  @Override
  public Map<String, org.nd4j.linalg.api.ndarray.INDArray> statistics() {
    return baselines.averages();
  }

  /** Forgets the decaying averages of the baselines. */
  public void resetBaselines() {
    baselines.reset();
  }

  @Override
  protected ElboResult particleLoss(Particle p) {
    Tensor modelLogProb = p.model().logProbSum();
    Tensor guideLogProb = p.guide().logProbSum();
    Tensor elbo = guideLogProb == null ? modelLogProb : modelLogProb.sub(guideLogProb);
    boolean anyScore = false;
    for (Site site : p.guide().sites()) {
      anyScore |= ScoreFunction.needsScore(site);
    }
    if (!anyScore) {
      return ElboResult.split(-elbo.item(), elbo.neg(), p.model());
    }
    Tensor surrogate = modelLogProb;
    for (Site site : p.guide().sites()) {
      if (site.type() != Message.Type.PARAM && !ScoreFunction.needsScore(site)) {
        surrogate = surrogate.sub(site.logProbSum());
      }
    }
    Tensor baselineLoss = null;
    for (Map.Entry<String, Tensor> e : DownstreamCosts.compute(p.model(), p.guide()).entrySet()) {
      Site site = p.guide().site(e.getKey());
      Tensor cost = e.getValue();
      BaselineState.Evaluated b =
          baselines.evaluate(site.name(), baselineFor(site.name()), cost, p.guide());
      Tensor advantage = b.value() == null ? cost : cost.sub(b.value().detach());
      Tensor score = PlateReduction.reduceTo(ScoreFunction.logDensity(site), site.plates(),
          site.plates());
      surrogate = surrogate.add(score.mul(advantage).sum());
      if (b.loss() != null) {
        baselineLoss = baselineLoss == null ? b.loss() : baselineLoss.add(b.loss());
      }
    }
    Tensor surrogateLoss = surrogate.neg();
    if (baselineLoss != null) {
      surrogateLoss = surrogateLoss.add(baselineLoss);
    }
    return ElboResult.split(-elbo.item(), surrogateLoss, p.model());
  }

  /** Options of a {@link TraceGraphElbo}: particles and baselines per site. */
  public static final class Builder {
    private int particles = 1;
    private Baseline defaultBaseline = Baseline.none();
    private final Map<String, Baseline> sites = new LinkedHashMap<>();

    private Builder() {}

    /** Particles averaged per step (default 1). */
    public Builder particles(int n) {
      this.particles = n;
      return this;
    }

    /** The baseline of every non-reparameterised site without its own (default none). */
    public Builder baseline(Baseline baseline) {
      this.defaultBaseline = requireBaseline(baseline);
      return this;
    }

    /** The baseline of one site, by name. */
    public Builder baseline(String site, Baseline baseline) {
      sites.put(site, requireBaseline(baseline));
      return this;
    }

    private static Baseline requireBaseline(Baseline b) {
      if (b == null) {
        throw new IllegalArgumentException("baseline must not be null; use Baseline.none()");
      }
      return b;
    }

    public TraceGraphElbo build() {
      return new TraceGraphElbo(particles, defaultBaseline, sites);
    }
  }
}
