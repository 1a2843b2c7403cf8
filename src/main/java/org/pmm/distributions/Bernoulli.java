package org.pmm.distributions;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.Memory;
import org.pmm.tensor.Ops;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * The Bernoulli distribution on {0, 1}, parameterised by logits or by probabilities. Log-mass
 * goes through the numerically stable {@link Ops#bceWithLogits} in both cases (probabilities
 * are converted to logits after clamping away from 0 and 1 by one unit in the last place).
 *
 * <pre>{@code
 * Tensor lp = Bernoulli.logits(w.matmul(z).add(b)).toEvent(1).logProb(labels);
 * Bernoulli coin = Bernoulli.probs(Tensor.scalar(0.25, DOUBLE));
 * }</pre>
 */
public final class Bernoulli extends AbstractDistribution {
  private static final String NAME = "Bernoulli";
  private final Tensor logits;
  /** Null when made from logits; kept so that mean, variance and entropy use it exactly. */
  private final Tensor probs;

  private Bernoulli(Tensor logits, Tensor probs) {
    super(NAME, logits.shape(), new long[0], logits.dataType());
    this.logits = logits;
    this.probs = probs;
  }

  /** P(1) = sigmoid(logits). */
  public static Bernoulli logits(Tensor logits) {
    requireFinite(NAME, "logits", logits);
    return new Bernoulli(logits, null);
  }

  /** P(1) = probs, each in [0, 1]. */
  public static Bernoulli probs(Tensor probs) {
    requireInterval(NAME, "probs", probs, 0.0, 1.0);
    return new Bernoulli(toLogits(probs), probs);
  }

  /**
   * P(1) = sigmoid(logits) from a plain number (a scalar of type double).
   *
   * <pre>{@code
   * sample("flip", Bernoulli.logits(0.4), flip);
   * }</pre>
   */
  public static Bernoulli logits(double logits) {
    return logits(PlainNumbers.scalar(logits));
  }

  /**
   * P(1) = probs from a plain number, as Pyro's {@code Bernoulli(0.3)} (a scalar of type double).
   *
   * <pre>{@code
   * sample("flip", Bernoulli.probs(0.3), flip);
   * }</pre>
   */
  public static Bernoulli probs(double probs) {
    return probs(PlainNumbers.scalar(probs));
  }

  /** log p − log(1 − p) of p clamped to [ε, 1 − ε], ε the type's unit roundoff. */
  static Tensor toLogits(Tensor probs) {
    double eps = probs.dataType() == DataType.DOUBLE ? Math.ulp(1.0) : Math.ulp(1.0f);
    Tensor p = probs.clamp(eps, 1.0 - eps);
    return p.log().sub(p.neg().log1p());
  }

  public Tensor logits() {
    return logits;
  }

  public Tensor probs() {
    return probs != null ? probs : logits.sigmoid();
  }

  /** −BCE(logits, x) = x·logits − softplus(logits). */
  @Override
  public Tensor logProb(Tensor value) {
    Tensor x = prepareValue(value, true);
    long[] shape = resultBatchShape(x);
    Tensor l = TensorMath.broadcastTo(logits, shape);
    INDArray targets = x.value();
    if (!java.util.Arrays.equals(targets.shape(), shape)) {
      targets = TensorMath.broadcastTo(Tensor.constant(targets), shape).value();
    }
    return Ops.bceWithLogits(l, targets).neg();
  }

  @Override
  public Tensor sample(RandomStream rng) {
    INDArray u = rng.uniform(dataType(), 0.0, 1.0, batchShape());
    INDArray p = probs().value();
    INDArray below = u.lt(p);
    Memory.release(u);
    return fresh(below);
  }

  @Override
  public Tensor mean() {
    return probs();
  }

  @Override
  public Tensor variance() {
    Tensor p = probs();
    return p.mul(p.neg().add(1.0));
  }

  /** softplus(l) − l·sigmoid(l), stable for large |l|. */
  @Override
  public Tensor entropy() {
    return logits.softplus().sub(logits.mul(logits.sigmoid()));
  }

  @Override
  public Bernoulli expand(long... batchShape) {
    Tensor l = expandParam(logits, batchShape);
    return new Bernoulli(l, probs == null ? null : expandParam(probs, batchShape));
  }

  @Override
  protected void checkSupport(INDArray value) {
    // x(1 - x) is 0 exactly for x in {0, 1}: one reduction in the common case.
    INDArray product = value.mul(value.rsub(1.0));
    if (Ops.hasNonFinite(value) || product.amaxNumber().doubleValue() != 0) {
      requireSupport(value, "0 or 1", x -> x != 0 && x != 1);
    }
  }

  @Override
  public Support support() {
    return Support.BOOLEAN;
  }
}
