package org.pmm.distributions;

import java.util.Arrays;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * A distribution whose rightmost {@code n} batch dimensions are reinterpreted as event
 * dimensions: {@link #logProb} and {@link #entropy} sum over them. Made by
 * {@link Distribution#toEvent}.
 *
 * <pre>{@code
 * Distribution w = new Laplace(loc, scale).toEvent(2);   // loc, scale: [300, 64]
 * w.batchShape();   // []
 * w.eventShape();   // [300, 64]
 * }</pre>
 */
public final class Independent implements Distribution {
  private final Distribution base;
  private final int reinterpreted;

  private Independent(Distribution base, int reinterpreted) {
    this.base = base;
    this.reinterpreted = reinterpreted;
  }

  /** {@code base} with its last {@code n} batch dimensions made event dimensions. */
  public static Distribution of(Distribution base, int n) {
    long[] batch = base.batchShape();
    if (n < 0 || n > batch.length) {
      throw new InvalidDistributionException(base.name() + ": toEvent(" + n + ") needs 0.."
          + batch.length + " batch dimensions to reinterpret, batch shape is "
          + Arrays.toString(batch));
    }
    if (n == 0) {
      return base;
    }
    if (base instanceof Independent inner) {
      return new Independent(inner.base, inner.reinterpreted + n);
    }
    return new Independent(base, n);
  }

  public Distribution base() {
    return base;
  }

  /** How many of the base's batch dimensions are event dimensions here. */
  public int reinterpreted() {
    return reinterpreted;
  }

  @Override
  public String name() {
    return base.name();
  }

  @Override
  public long[] batchShape() {
    long[] b = base.batchShape();
    return Shapes.dropLast(b, reinterpreted);
  }

  @Override
  public long[] eventShape() {
    return Shapes.concat(Shapes.last(base.batchShape(), reinterpreted), base.eventShape());
  }

  /** Sums a tensor of the base's batch shape over the reinterpreted dimensions. */
  public Tensor sumReinterpreted(Tensor t) {
    return t.sum(false, Shapes.lastAxes(t.rank(), reinterpreted));
  }

  @Override
  public Tensor logProb(Tensor value) {
    checkShape(value);
    if (reinterpreted == base.batchShape().length && value.rank() == eventShape().length) {
      // one value, every dimension summed: the base's fused total, if it has one
      return base.logProbSum(value);
    }
    return sumReinterpreted(base.logProb(value));
  }

  private void checkShape(Tensor value) {
    long[] shape = value.shape();
    long[] event = eventShape();
    if (shape.length < event.length || !Arrays.equals(Shapes.last(shape, event.length), event)) {
      throw new InvalidDistributionException(name() + ": value shape " + Arrays.toString(shape)
          + " does not match batch shape " + Arrays.toString(batchShape()) + " and event shape "
          + Arrays.toString(event));
    }
  }

  @Override
  public Tensor sample(RandomStream rng) {
    return base.sample(rng);
  }

  @Override
  public boolean hasRsample() {
    return base.hasRsample();
  }

  @Override
  public Tensor rsample(RandomStream rng) {
    return base.rsample(rng);
  }

  @Override
  public Tensor mean() {
    return base.mean();
  }

  @Override
  public Tensor variance() {
    return base.variance();
  }

  @Override
  public Tensor entropy() {
    return sumReinterpreted(base.entropy());
  }

  @Override
  public Distribution toEvent(int n) {
    return of(this, n);
  }

  @Override
  public Distribution expand(long... batchShape) {
    long[] full = Shapes.concat(batchShape, Shapes.last(base.batchShape(), reinterpreted));
    return new Independent(base.expand(full), reinterpreted);
  }

  @Override
  public void checkValue(Tensor value) {
    checkShape(value);
    base.checkValue(value);
  }

  @Override
  public String toString() {
    return base + ".toEvent(" + reinterpreted + ")";
  }

  @Override
  public Support support() {
    return base.support();
  }
}
