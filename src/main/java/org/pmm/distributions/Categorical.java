package org.pmm.distributions;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.Ops;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * A distribution over the category indices 0..K−1, K being the size of the parameters' last
 * dimension (so the batch shape is the parameters' shape without it). Values are indices
 * stored as floating-point numbers. {@link #mean} and {@link #variance} are the moments of the
 * index.
 *
 * <pre>{@code
 * Categorical genre = Categorical.logits(scores);      // scores: [batch, 23]
 * Tensor lp = genre.logProb(labels);                   // labels: [batch], values 0..22
 * }</pre>
 */
public final class Categorical extends AbstractDistribution {
  private static final String NAME = "Categorical";
  /** Normalised log-probabilities, shape batch ++ [K]. */
  private final Tensor logProbs;
  private final long categories;

  private Categorical(Tensor logProbs) {
    super(NAME, Shapes.dropLast(logProbs.shape(), 1), new long[0], logProbs.dataType());
    this.logProbs = logProbs;
    this.categories = logProbs.size(-1);
  }

  /** Unnormalised log-probabilities over the last dimension. */
  public static Categorical logits(Tensor logits) {
    requireCategories(logits, "logits");
    requireFinite(NAME, "logits", logits);
    return new Categorical(TensorMath.logSoftmax(logits, -1));
  }

  /**
   * Probabilities over the last dimension, each ≥ 0; they are normalised to sum to 1, as in
   * Pyro (a zero probability becomes the type's smallest normal number before the log).
   */
  public static Categorical probs(Tensor probs) {
    requireCategories(probs, "probs");
    requireNonNegative(NAME, "probs", probs);
    double tiny = probs.dataType() == DataType.DOUBLE ? Double.MIN_NORMAL : Float.MIN_NORMAL;
    Tensor normalised = probs.div(probs.sum(true, -1));
    return new Categorical(normalised.clamp(tiny, 1.0).log());
  }

  /**
   * Unnormalised log-probabilities of the categories 0..K−1 as plain numbers (type double).
   *
   * <pre>{@code
   * Tensor k = sample("k", Categorical.logits(0.0, 1.5, -0.5));
   * }</pre>
   */
  public static Categorical logits(double... logits) {
    return logits(PlainNumbers.vector(logits));
  }

  /**
   * Probabilities of the categories 0..K−1 as plain numbers (type double), normalised as
   * {@link #probs(Tensor)} does, as Pyro's {@code Categorical(torch.tensor([.2, .3, .5]))}.
   *
   * <pre>{@code
   * Tensor k = sample("k", Categorical.probs(0.2, 0.3, 0.5));
   * }</pre>
   */
  public static Categorical probs(double... probs) {
    return probs(PlainNumbers.vector(probs));
  }

  private static void requireCategories(Tensor t, String arg) {
    if (t.rank() == 0 || t.size(-1) == 0) {
      throw new InvalidDistributionException(NAME + ": '" + arg + "' needs a last dimension of "
          + "categories, found shape " + Arrays.toString(t.shape()));
    }
  }

  public long categories() {
    return categories;
  }

  /** Normalised log-probabilities, shape batch ++ [K]. */
  public Tensor logProbs() {
    return logProbs;
  }

  public Tensor probs() {
    return logProbs.exp();
  }

  /** The log-probability of each index, picked by a one-hot mask over the last dimension. */
  @Override
  public Tensor logProb(Tensor value) {
    Tensor x = prepareValue(value, true);
    return logProbs.mul(constant(oneHot(x.value()))).sum(false, -1);
  }

  private INDArray oneHot(INDArray indices) {
    double[] idx = TensorMath.toDoubles(indices);
    double[] hot = new double[Math.toIntExact(idx.length * categories)];
    for (int i = 0; i < idx.length; i++) {
      hot[Math.toIntExact(i * categories + (long) idx[i])] = 1.0;
    }
    return TensorMath.fromDoubles(hot, Shapes.concat(indices.shape(), new long[] {categories}),
        dataType());
  }

  /**
   * Inversion: the first index whose cumulative probability exceeds a uniform draw (a loop over
   * doubles; ND4J's cumulative sum along the last axis is slow for many short rows).
   */
  @Override
  public Tensor sample(RandomStream rng) {
    double[] p = TensorMath.toDoubles(probs().value());
    int k = Math.toIntExact(categories);
    int rows = p.length / k;
    double[] u = TensorMath.toDoubles(rng.uniform(dataType(), 0.0, 1.0, rows));
    double[] index = new double[rows];
    for (int r = 0; r < rows; r++) {
      double cumulative = 0;
      int chosen = k - 1; // rounding may leave the total a little under 1
      for (int j = 0; j < k; j++) {
        cumulative += p[r * k + j];
        if (u[r] < cumulative) {
          chosen = j;
          break;
        }
      }
      index[r] = chosen;
    }
    return constant(TensorMath.fromDoubles(index, batchShape(), dataType()));
  }

  private Tensor indices() {
    INDArray k = Nd4j.arange(0, categories).castTo(dataType());
    return constant(k);
  }

  /** Σ k p_k. */
  @Override
  public Tensor mean() {
    return probs().mul(indices()).sum(false, -1);
  }

  /** Σ k² p_k − (Σ k p_k)². */
  @Override
  public Tensor variance() {
    Tensor p = probs();
    Tensor k = indices();
    return p.mul(k.square()).sum(false, -1).sub(p.mul(k).sum(false, -1).square());
  }

  /** −Σ p_k log p_k. */
  @Override
  public Tensor entropy() {
    return probs().mul(logProbs).sum(false, -1).neg();
  }

  @Override
  public Categorical expand(long... batchShape) {
    return new Categorical(expandParam(logProbs, batchShape, 1));
  }

  @Override
  protected void checkSupport(INDArray value) {
    double max = categories - 1;
    boolean suspicious = Ops.hasNonFinite(value) || value.minNumber().doubleValue() < 0
        || value.maxNumber().doubleValue() > max;
    INDArray fractional = value.sub(org.nd4j.linalg.ops.transforms.Transforms.round(value, true));
    if (suspicious || fractional.amaxNumber().doubleValue() != 0) {
      requireSupport(value, "an integer index in [0, " + (categories - 1) + "]",
          x -> !(x >= 0 && x <= max && x == Math.rint(x)));
    }
  }

  @Override
  public Support support() {
    return Support.CATEGORY;
  }
}
