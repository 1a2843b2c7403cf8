package org.pmm.distributions;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pmm.tensor.Memory;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * A point mass at {@code value}: every draw equals it, log-density 0 there and −∞ elsewhere.
 * Used for deterministic sites and for MAP guides; reparameterised (the draw is the parameter
 * itself, so gradients flow to it).
 *
 * <pre>{@code
 * Distribution map = new Delta(wLoc).toEvent(2);
 * }</pre>
 */
public final class Delta extends AbstractDistribution {
  private static final String NAME = "Delta";
  private final Tensor value;

  public Delta(Tensor value) {
    super(NAME, value.shape(), new long[0], value.dataType());
    requireFinite(NAME, "value", value);
    this.value = value;
  }

  /**
   * A point mass at a plain number (a scalar of type double).
   *
   * <pre>{@code
   * Tensor x = sample("x", new Delta(2.5));
   * }</pre>
   */
  public Delta(double value) {
    this(PlainNumbers.scalar(value));
  }

  /**
   * The same as {@link #Delta(double)}.
   *
   * <pre>{@code
   * Tensor x = sample("x", Delta.of(2.5));
   * }</pre>
   */
  public static Delta of(double value) {
    return new Delta(value);
  }

  public Tensor value() {
    return value;
  }

  /** 0 where {@code x} equals the point, −∞ elsewhere; no gradient. */
  @Override
  public Tensor logProb(Tensor x) {
    Tensor v = prepareValue(x, false);
    INDArray diff = v.value().sub(value.value());
    INDArray equal = Memory.castFreeing(diff.eq(0.0), dataType());
    Memory.release(diff);
    return fresh(Transforms.log(equal, false));
  }

  @Override
  public Tensor sample(RandomStream rng) {
    return value.detach();
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  @Override
  public Tensor rsample(RandomStream rng) {
    return value;
  }

  @Override
  public Tensor mean() {
    return value;
  }

  @Override
  public Tensor variance() {
    return zeros(batchShape());
  }

  /** Zero, by the convention that a point mass carries no uncertainty. */
  @Override
  public Tensor entropy() {
    return zeros(batchShape());
  }

  @Override
  public Delta expand(long... batchShape) {
    return new Delta(expandParam(value, batchShape));
  }

  @Override
  protected void checkSupport(INDArray x) {
    requireReal(x);
  }

  @Override
  public Support support() {
    return Support.REAL;
  }
}
