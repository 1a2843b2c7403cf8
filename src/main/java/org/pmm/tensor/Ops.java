package org.pmm.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.kernels.MaxNormKernels;
import org.pmm.tensor.kernels.ValueChecks;
import org.pmm.tensor.ops.BatchNormOps;
import org.pmm.tensor.ops.Dropout;
import org.pmm.tensor.ops.GatedMix;
import org.pmm.tensor.ops.LaplaceOps;
import org.pmm.tensor.ops.LinearOps;
import org.pmm.tensor.ops.LossOps;
import org.pmm.tensor.ops.MaxoutPieces;
import org.pmm.tensor.ops.ShapeOps;

/**
 * Operations that are not methods of one tensor: concatenation, selection, losses and the
 * neural-network layers with train/eval modes. Each delegates to its operation family in
 * {@code org.pmm.tensor.ops}; fused forms fall back to their composition by themselves for
 * operands their kernels do not take.
 *
 * <pre>{@code
 * Tensor h = Ops.concat(1, textHidden, imageHidden);
 * Tensor logits = Ops.affine(h, weight, bias);
 * Tensor y = Ops.dropout(Ops.batchNorm(h, gamma, beta, stats, true), 0.5, true, rng);
 * Tensor loss = Ops.bceWithLogits(logits, labels).mean();
 * }</pre>
 */
public final class Ops {
  private Ops() {}

  /**
   * The gated unit's mixture {@code ht + sigmoid(gateLogits)·(hi − ht)}, fused (see
   * {@link GatedMix}); the three operands have one shape.
   */
  public static Tensor gatedMix(Tensor gateLogits, Tensor ht, Tensor hi) {
    return GatedMix.apply(gateLogits, ht, hi);
  }

  /**
   * Maxout's maximum over each unit's pieces: h [rows, units · pieces] to [rows, units], where
   * columns {@code u·pieces … u·pieces + pieces − 1} belong to unit u (see {@link MaxoutPieces});
   * the same values and gradients as {@code h.reshape(rows, units, pieces).max(2, false)}.
   */
  public static Tensor maxout(Tensor h, long pieces) {
    return MaxoutPieces.apply(h, pieces);
  }

  /**
   * {@code a @ b} for matrices and vectors, as the model language reads it: a vector on the left
   * is a row, on the right a column, and two vectors give their dot product.
   */
  public static Tensor product(Tensor a, Tensor b) {
    return LinearOps.product(a, b);
  }

  /**
   * The affine map {@code x·w + b} of a batch x [rows, in] by a weight matrix w [in, out] and a
   * bias b ([out] or [1, out]), as one operation (see {@link LinearOps#affine}): the same values
   * and gradients as {@code x.matmul(w).add(b)} with one output array fewer and no copy of the
   * gradient. Other operands (a vector, a bias that is not one row) take that composition, with
   * a vector on the left read as a row and on the right as a column.
   */
  public static Tensor affine(Tensor x, Tensor w, Tensor b) {
    return LinearOps.affine(x, w, b);
  }

  /**
   * {@code concat(parts, columns)·w + b} without materialising the concatenation (see {@link
   * LinearOps#affineOfConcat}): the parts [rows, k_i] meet consecutive row blocks of w
   * [Σ k_i, out]. {@code Ops.affineOfConcat(new Tensor[] {ht, hi}, w, b)} equals
   * {@code Ops.affine(Ops.concat(1, ht, hi), w, b)} up to rounding. Operands it does not take
   * (vectors, a bias that is not one row) take that composition.
   */
  public static Tensor affineOfConcat(Tensor[] parts, Tensor w, Tensor b) {
    return LinearOps.affineOfConcat(parts, w, b);
  }

  public static Tensor concat(int axis, Tensor... parts) {
    return ShapeOps.concat(axis, parts);
  }

  /** {@code mask ? a : b} element-wise, for a constant 0/1 mask. */
  public static Tensor where(INDArray mask, Tensor a, Tensor b) {
    return ShapeOps.where(mask, a, b);
  }

  /** Element-wise binary cross-entropy with logits (see {@link LossOps}). */
  public static Tensor bceWithLogits(Tensor logits, INDArray targets) {
    return LossOps.bceWithLogits(logits, targets);
  }

  /**
   * Batch normalisation over axis 0. Training mode normalises with the batch's statistics (and
   * differentiates through them) and updates the running ones; evaluation mode uses the running
   * statistics. {@code gamma} and {@code beta} may be null for a layer without affine part.
   */
  public static Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, BatchNormStats stats,
      boolean training) {
    return BatchNormOps.batchNorm(x, gamma, beta, stats, training);
  }

  /**
   * Inverted dropout: in training, each element is zeroed with probability {@code p} and the
   * rest scaled by 1/(1-p), so evaluation (identity) needs no rescaling.
   */
  public static Tensor dropout(Tensor x, double p, boolean training, RandomStream rng) {
    if (p < 0 || p >= 1) {
      throw new IllegalArgumentException("dropout: probability must be in [0, 1), got " + p);
    }
    if (!training || p == 0) {
      return x;
    }
    return Dropout.apply(x, p, rng);
  }

  /**
   * Max-norm constraint: rescales, in place, every column of the matrix {@code weights} whose
   * L2 norm exceeds {@code maxNorm} to norm {@code maxNorm}. A column holds one output unit's
   * incoming weights.
   */
  public static void maxNormColumns(Tensor weights, double maxNorm) {
    MaxNormKernels.projectColumns(weights.value(), maxNorm);
    OpProfile.mark("max-norm projection");
  }

  /**
   * An element-wise function given by its values and derivative at {@code x}: the result has
   * value {@code value} and passes {@code g · derivative} back to {@code x}. For functions ND4J
   * lacks (log-gamma, digamma) computed elsewhere.
   */
  public static Tensor elementwise(String op, Tensor x, INDArray value, INDArray derivative) {
    if (!java.util.Arrays.equals(value.shape(), x.shape())
        || !java.util.Arrays.equals(derivative.shape(), x.shape())) {
      throw new ShapeException(op + ": value " + Tensor.shapeString(value.shape())
          + " and derivative " + Tensor.shapeString(derivative.shape()) + " must have the"
          + " input's shape " + Tensor.shapeString(x.shape()));
    }
    return Tensor.result(op, value, g -> x.accumulate(g.mul(derivative), true), x);
  }

  /**
   * The element-wise Laplace log-density log p(x | loc, scale), fused (see {@link LaplaceOps});
   * {@code loc} and {@code scale} are scalars or have x's shape.
   */
  public static Tensor laplaceLogDensity(Tensor x, Tensor loc, Tensor scale) {
    return LaplaceOps.logDensity(x, loc, scale);
  }

  /**
   * Σ log Laplace(x | loc, scale) over all elements (a scalar), fused: the same value and
   * gradients as {@code laplaceLogDensity(x, loc, scale).sum()} with half the passes over x.
   */
  public static Tensor laplaceLogDensitySum(Tensor x, Tensor loc, Tensor scale) {
    return LaplaceOps.logDensitySum(x, loc, scale);
  }

  /**
   * Σ log Laplace(x | loc, scale) for the reparameterised sample x = loc + scale·eps itself:
   * −Σ|eps| − Σ log(2·scale), with the exact gradients of the composition (none for loc or
   * eps, −1/scale for scale) in one pass each, instead of one over x, loc and scale and three
   * gradients that mostly cancel.
   */
  public static Tensor laplaceReparamLogDensitySum(Tensor eps, Tensor scale) {
    return LaplaceOps.reparamLogDensitySum(eps, scale);
  }

  /** True if any element is NaN or infinite (one pass, cheap enough for every step). */
  public static boolean hasNonFinite(INDArray a) {
    return ValueChecks.hasNonFinite(a);
  }

  /** True if every element is finite and greater than zero (one pass). */
  public static boolean allPositiveFinite(INDArray a) {
    return ValueChecks.allPositiveFinite(a);
  }
}
