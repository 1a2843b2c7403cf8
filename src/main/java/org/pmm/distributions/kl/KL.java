package org.pmm.distributions.kl;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.pmm.distributions.Bernoulli;
import org.pmm.distributions.Beta;
import org.pmm.distributions.Categorical;
import org.pmm.distributions.Distribution;
import org.pmm.distributions.Gamma;
import org.pmm.distributions.Independent;
import org.pmm.distributions.InvalidDistributionException;
import org.pmm.distributions.Laplace;
import org.pmm.distributions.Normal;
import org.pmm.distributions.Shapes;
import org.pmm.distributions.TensorMath;
import org.pmm.tensor.Tensor;

/**
 * Closed-form Kullback-Leibler divergences KL(p ‖ q), registered by the pair of distribution
 * types. The result has the broadcast batch shape of p and q; distributions made with
 * {@link Distribution#toEvent} sum their base divergence over the event dimensions.
 *
 * <pre>{@code
 * if (KL.hasClosedForm(guide, prior)) {
 *   Tensor kl = KL.divergence(guide, prior);    // differentiable w.r.t. both
 * }
 * }</pre>
 */
public final class KL {
  private KL() {}

  private record Pair(Class<?> p, Class<?> q) {}

  private static final Map<Pair, BiFunction<Distribution, Distribution, Tensor>> RULES =
      new HashMap<>();

  static {
    register(Laplace.class, Laplace.class, ClosedForms::laplaceLaplace);
    register(Normal.class, Normal.class, ClosedForms::normalNormal);
    register(Beta.class, Beta.class, ClosedForms::betaBeta);
    register(Gamma.class, Gamma.class, ClosedForms::gammaGamma);
    register(Bernoulli.class, Bernoulli.class, ClosedForms::bernoulliBernoulli);
    register(Categorical.class, Categorical.class, ClosedForms::categoricalCategorical);
  }

  /** Adds a closed form for the pair (P, Q); a later registration replaces an earlier one. */
  @SuppressWarnings("unchecked")
  public static synchronized <P extends Distribution, Q extends Distribution> void register(
      Class<P> p, Class<Q> q, BiFunction<P, Q, Tensor> rule) {
    RULES.put(new Pair(p, q), (a, b) -> rule.apply((P) a, (Q) b));
  }

  /** True if {@link #divergence} has a closed form for these two distributions. */
  public static boolean hasClosedForm(Distribution p, Distribution q) {
    if (p instanceof Independent ip && q instanceof Independent iq) {
      return ip.reinterpreted() == iq.reinterpreted() && hasClosedForm(ip.base(), iq.base());
    }
    if (p instanceof Independent || q instanceof Independent) {
      return false;
    }
    return rule(p, q) != null;
  }

  /** KL(p ‖ q), of the broadcast batch shape of p and q. */
  public static Tensor divergence(Distribution p, Distribution q) {
    if (p instanceof Independent ip && q instanceof Independent iq
        && ip.reinterpreted() == iq.reinterpreted()) {
      Tensor base = divergence(ip.base(), iq.base());
      return base.sum(false, Shapes.lastAxes(base.rank(), ip.reinterpreted()));
    }
    BiFunction<Distribution, Distribution, Tensor> rule =
        p instanceof Independent || q instanceof Independent ? null : rule(p, q);
    if (rule == null) {
      throw new InvalidDistributionException("KL: no closed form for KL(" + describe(p) + " ‖ "
          + describe(q) + "); use a Monte Carlo estimate (an ELBO with sampled log-densities)");
    }
    long[] shape = Shapes.broadcast("KL", p.batchShape(), q.batchShape());
    // Equal batch shapes keep every closed form free of two-sided broadcasting.
    Distribution pe = Arrays.equals(p.batchShape(), shape) ? p : p.expand(shape);
    Distribution qe = Arrays.equals(q.batchShape(), shape) ? q : q.expand(shape);
    Tensor kl = rule.apply(pe, qe);
    // Scalar parameters stay scalars after expand: give the result the full batch shape.
    return Arrays.equals(kl.shape(), shape) ? kl : TensorMath.broadcastTo(kl, shape);
  }

  private static synchronized BiFunction<Distribution, Distribution, Tensor> rule(
      Distribution p, Distribution q) {
    return RULES.get(new Pair(p.getClass(), q.getClass()));
  }

  private static String describe(Distribution d) {
    if (d instanceof Independent i) {
      return d.name() + ".toEvent(" + i.reinterpreted() + ")";
    }
    return d.name();
  }

  /** The closed forms, each a few tensor operations. */
  static final class ClosedForms {
    private ClosedForms() {}

    /**
     * KL(Laplace(μ₁, b₁) ‖ Laplace(μ₂, b₂)) = log(b₂/b₁) + |μ₁ − μ₂|/b₂
     * + (b₁/b₂) exp(−|μ₁ − μ₂|/b₁) − 1.
     */
    static Tensor laplaceLaplace(Laplace p, Laplace q) {
      Tensor distance = p.loc().sub(q.loc()).abs();
      Tensor ratio = p.scale().div(q.scale());
      return ratio.log().neg().add(distance.div(q.scale()))
          .add(ratio.mul(distance.div(p.scale()).neg().exp())).sub(1.0);
    }

    /** KL(N(μ₁, σ₁) ‖ N(μ₂, σ₂)) = log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²) / (2σ₂²) − ½. */
    static Tensor normalNormal(Normal p, Normal q) {
      Tensor varRatio = p.scale().div(q.scale()).square();
      Tensor t = p.loc().sub(q.loc()).div(q.scale()).square();
      return varRatio.add(t).sub(varRatio.log()).sub(1.0).mul(0.5);
    }

    /**
     * KL(Beta(a₁, b₁) ‖ Beta(a₂, b₂)) = log B(a₂, b₂) − log B(a₁, b₁) + (a₁ − a₂) ψ(a₁)
     * + (b₁ − b₂) ψ(b₁) + (a₂ − a₁ + b₂ − b₁) ψ(a₁ + b₁).
     */
    static Tensor betaBeta(Beta p, Beta q) {
      Tensor a1 = p.concentration1();
      Tensor b1 = p.concentration0();
      Tensor a2 = q.concentration1();
      Tensor b2 = q.concentration0();
      Tensor total1 = a1.add(b1);
      return TensorMath.logBeta(a2, b2).sub(TensorMath.logBeta(a1, b1))
          .add(a1.sub(a2).mul(TensorMath.digamma(a1)))
          .add(b1.sub(b2).mul(TensorMath.digamma(b1)))
          .add(a2.sub(a1).add(b2).sub(b1).mul(TensorMath.digamma(total1)));
    }

    /**
     * KL(Gamma(α₁, β₁) ‖ Gamma(α₂, β₂)) = (α₁ − α₂) ψ(α₁) − log Γ(α₁) + log Γ(α₂)
     * + α₂ (log β₁ − log β₂) + α₁ (β₂ − β₁) / β₁.
     */
    static Tensor gammaGamma(Gamma p, Gamma q) {
      Tensor a1 = p.concentration();
      Tensor a2 = q.concentration();
      Tensor r1 = p.rate();
      Tensor r2 = q.rate();
      return a1.sub(a2).mul(TensorMath.digamma(a1))
          .sub(TensorMath.lgamma(a1)).add(TensorMath.lgamma(a2))
          .add(a2.mul(r1.log().sub(r2.log())))
          .add(a1.mul(r2.sub(r1)).div(r1));
    }

    /**
     * KL(Bern(p) ‖ Bern(q)) = p (log p − log q) + (1 − p)(log(1 − p) − log(1 − q)), in logits:
     * log p = logsigmoid(l), log(1 − p) = logsigmoid(−l), stable for large |l|.
     */
    static Tensor bernoulliBernoulli(Bernoulli p, Bernoulli q) {
      Tensor lp = p.logits();
      Tensor lq = q.logits();
      Tensor prob = p.probs();
      Tensor logOdds = lp.logSigmoid().sub(lq.logSigmoid());
      Tensor logEvens = lp.neg().logSigmoid().sub(lq.neg().logSigmoid());
      return prob.mul(logOdds).add(prob.neg().add(1.0).mul(logEvens));
    }

    /** Σ_k p_k (log p_k − log q_k) over the last dimension. */
    static Tensor categoricalCategorical(Categorical p, Categorical q) {
      if (p.categories() != q.categories()) {
        throw new InvalidDistributionException("KL: Categorical with " + p.categories()
            + " categories against Categorical with " + q.categories());
      }
      return p.probs().mul(p.logProbs().sub(q.logProbs())).sum(false, -1);
    }
  }
}
