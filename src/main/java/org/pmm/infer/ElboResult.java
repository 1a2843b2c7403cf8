package org.pmm.infer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pmm.handlers.Message;
import org.pmm.handlers.Site;
import org.pmm.handlers.Trace;
import org.pmm.tensor.Tensor;

/**
 * An ELBO estimate: the loss −ELBO as a number, the surrogate whose gradient is the estimator's
 * gradient of the loss (they differ when score-function terms are present), what the model
 * returned in the last particle (so that a jointly trained network can reuse the model's forward
 * pass instead of running it again), and the loss's parts.
 *
 * <p>The parts, in order, sum to {@code loss} (up to rounding), or are empty where the estimator
 * cannot split its loss (the importance-weighted and Rényi bounds are not sums over sites):
 *
 * <ul>
 *   <li>{@value #NLL}: −Σ log p of the model's sites that are not latent (observations and
 *       factors), the data term, never weighted by annealing;
 *   <li>{@value #KL}: the latent term, Σ log q − Σ log p over every other site: the closed-form
 *       KL(q ‖ p) where {@link MeanFieldElbo} has one, otherwise its one-draw estimate; under
 *       {@link AnnealedElbo} it is weighted by β and named {@value #KL_BETA} instead;
 *   <li>{@value #PENALTY}: L1/L2 penalties on variational parameters ({@link PenalisedElbo}).
 * </ul>
 *
 * <pre>{@code
 * ElboResult r = new AnnealedElbo(new TraceElbo(1), schedule).loss(model, guide, data);
 * double nll = r.parts().get(ElboResult.NLL);        // r.loss() == nll + kl_beta
 * double latent = r.parts().get(ElboResult.KL_BETA);
 * }</pre>
 */
public record ElboResult(double loss, Tensor surrogateLoss, Object modelValue,
    Map<String, Double> parts) {
  /** The part −E[log p(observed)]. */
  public static final String NLL = "nll";
  /** The part E[log q − log p] of the latent sites, unweighted. */
  public static final String KL = "kl";
  /** The part β · E[log q − log p] of the latent sites under KL annealing. */
  public static final String KL_BETA = "kl_beta";
  /** The part added by penalties on variational parameters. */
  public static final String PENALTY = "penalty";

  /** Parts are kept in the order given; null means none. */
  public ElboResult {
    parts = parts == null || parts.isEmpty()
        ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parts));
  }

  /** A result without a model value or parts. */
  public ElboResult(double loss, Tensor surrogateLoss) {
    this(loss, surrogateLoss, null, Map.of());
  }

  /** A result without parts. */
  public ElboResult(double loss, Tensor surrogateLoss, Object modelValue) {
    this(loss, surrogateLoss, modelValue, Map.of());
  }

  /**
   * The result of a particle of {@code model}'s trace, split into {@value #NLL} and {@value
   * #KL}: the observed sites' log-densities (already computed and cached by the sites, so this
   * costs one scalar sum per observed site and one read; detached, as nothing differentiates
   * them) and the rest of the loss.
   */
  static ElboResult split(double loss, Tensor surrogateLoss, Trace model) {
    Tensor observed = null;
    for (Site site : model.sites()) {
      if (site.type() != Message.Type.PARAM && !site.isLatent()) {
        Tensor lp = site.logProb().detach().sum();
        observed = observed == null ? lp : observed.add(lp);
      }
    }
    double nll = observed == null ? 0 : -observed.item();
    Map<String, Double> parts = new LinkedHashMap<>();
    parts.put(NLL, nll);
    // the rest rather than a second sum, so that the parts add up to the loss
    parts.put(KL, loss - nll);
    return new ElboResult(loss, surrogateLoss, null, parts);
  }

  ElboResult withModelValue(Object value) {
    return new ElboResult(loss, surrogateLoss, value, parts);
  }

  /**
   * This result with {@code term} (a scalar) added to loss and surrogate and, where the loss is
   * split, as the part {@code name} (added to a part of that name if there is one).
   */
  public ElboResult plus(String name, Tensor term) {
    double value = term.item();
    Map<String, Double> more = parts;
    if (!parts.isEmpty()) {
      more = new LinkedHashMap<>(parts);
      more.merge(name, value, Double::sum);
    }
    return new ElboResult(loss + value, surrogateLoss.add(term), modelValue, more);
  }

  /** This result with the part {@code from} (if any) named {@code to}, in the same place. */
  ElboResult renamePart(String from, String to) {
    if (!parts.containsKey(from)) {
      return this;
    }
    Map<String, Double> renamed = new LinkedHashMap<>();
    parts.forEach((k, v) -> renamed.put(k.equals(from) ? to : k, v));
    return new ElboResult(loss, surrogateLoss, modelValue, renamed);
  }
}
