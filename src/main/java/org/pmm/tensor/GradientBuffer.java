package org.pmm.tensor;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.kernels.Accumulation;
import org.pmm.tensor.kernels.ColumnSums;
import org.pmm.tensor.kernels.DenseFloats;
import org.pmm.tensor.kernels.KernelThreads;
import org.pmm.tensor.kernels.KernelThreads.Work;

/**
 * The gradient of one {@link Tensor}: the array that collects the contributions of every
 * operation that used the tensor during {@link Tensor#backward()}. Contributions are summed over
 * broadcast dimensions first, and written into the buffer in place wherever that gives the bits
 * of ND4J's {@code grad.addi(contribution)}: one Java pass ({@link Accumulation}) instead of a
 * new array and an ND4J addition, each of which has a fixed overhead that dominates on small
 * arrays. A parameter keeps its buffer across steps ({@link #invalidate}); a result's buffer is
 * freed once propagated ({@link #releaseUnlessLeaf}).
 *
 * <pre>{@code
 * GradientBuffer grad = new GradientBuffer(value, true);
 * grad.accumulate(contribution, true);   // the first contribution becomes the buffer
 * grad.accumulateScaled(x, 2.0);         // + 2·x, in one pass
 * INDArray total = grad.valid();
 * }</pre>
 */
final class GradientBuffer {
  /**
   * The buffer of the result whose backward function is running on this thread: it is about to
   * be freed, so an input that would copy it whole may take it instead ({@link #accumulate}).
   */
  private static final ThreadLocal<GradientBuffer> PROPAGATING = new ThreadLocal<>();

  /** The value whose gradient this is: its shape and type are the buffer's. */
  private final INDArray value;
  private final boolean leaf;
  private INDArray grad;
  /** False after {@link #invalidate()}: the next contribution overwrites the reused buffer. */
  private boolean gradValid;

  GradientBuffer(INDArray value, boolean leaf) {
    this.value = value;
    this.leaf = leaf;
  }

  /** The accumulated gradient, or null if none has reached it (since {@link #invalidate}). */
  INDArray valid() {
    return gradValid ? grad : null;
  }

  /** Marks the gradient as empty; its buffer is kept and overwritten by the next step. */
  void invalidate() {
    gradValid = false;
  }

  /** Bytes of the buffer kept, valid or not. */
  long bytes() {
    return grad == null || grad.wasClosed() ? 0 : Memory.bytes(grad);
  }

  /**
   * Runs {@code backward} with this buffer's gradient, marked as the one being propagated on
   * this thread (see {@link #takeFromPropagating}).
   */
  void propagate(Tensor.Backward backward) {
    PROPAGATING.set(this);
    try {
      backward.propagate(grad);
    } finally {
      PROPAGATING.remove();
    }
  }

  /**
   * Adds a contribution, summing over broadcast dimensions first.
   *
   * @param owned true if {@code g} was created for this call and may be kept as the gradient
   */
  void accumulate(INDArray g, boolean owned) {
    if (sumsRowsInPlace(g, owned)) {
      return;
    }
    INDArray reduced = Broadcasting.reduceTo(g, value.shape());
    boolean reducedOwned = owned || reduced != g;
    if (reduced != g && owned) {
      Memory.release(g);
    }
    if (!gradValid) {
      if (!reducedOwned && takeFromPropagating(reduced)) {
        if (grad != null) {
          Memory.release(grad);   // a leaf's buffer of the previous step
        }
        grad = kept(reduced);
      } else if (grad != null && Arrays.equals(grad.shape(), value.shape())) {
        addInto(reduced, grad, false); // a leaf's buffer, reused across steps
        if (reducedOwned) {
          Memory.release(reduced);
        }
      } else {
        grad = kept(reducedOwned && !reduced.isView() ? reduced : reduced.dup());
      }
      gradValid = true;
    } else {
      addInto(reduced, grad, true);
      if (reducedOwned) {
        Memory.release(reduced);
      }
    }
  }

  /**
   * {@code out = x} or {@code out += x} for arrays of one shape: one pass in Java over dense
   * floats (the bits of ND4J's assign and addi), ND4J otherwise.
   */
  private static void addInto(INDArray x, INDArray out, boolean add) {
    if (!DenseFloats.applies(x, out)) {
      if (add) {
        out.addi(x);
      } else {
        out.assign(x);
      }
      return;
    }
    ByteBuffer in = DenseFloats.bytes(x);
    ByteBuffer to = DenseFloats.bytes(out);
    Accumulation math = Accumulation.get();
    KernelThreads.byRanges(Work.STREAMING, out.length(),
        (lo, hi) -> math.addScaled(in, 1f, to, add, lo, hi));
  }

  /**
   * A bias-like value ([n] or [1, n]) receiving a gradient of shape [rows, n]: the column sums
   * go straight into the buffer ({@link ColumnSums#into}) instead of a new array copied there.
   * False, doing nothing, where that does not apply.
   */
  private boolean sumsRowsInPlace(INDArray g, boolean owned) {
    long[] s = value.shape();
    boolean row = s.length == 1 || (s.length == 2 && s[0] == 1);
    if (!row || g.rank() != 2 || g.size(0) < 2 || g.size(1) != value.length()
        || g.dataType() != value.dataType()) {
      return false;
    }
    Tensor.GemmTarget target = gemmTarget();
    ColumnSums.into(g, target.array(), target.beta() != 0);
    if (owned) {
      Memory.release(g);
    }
    return true;
  }

  /**
   * Whether {@code g} is the whole gradient buffer of the result whose backward function is
   * running (an operation passing its gradient on unchanged, such as an addition); if so, that
   * result gives it up, and the caller keeps it instead of copying it. A second input of the
   * same operation then finds it taken and copies it, before anything can change it.
   */
  private boolean takeFromPropagating(INDArray g) {
    GradientBuffer from = PROPAGATING.get();
    if (from == null || from == this || from.grad != g || g.isView()
        || !Arrays.equals(g.shape(), value.shape()) || g.dataType() != value.dataType()) {
      return false;
    }
    from.grad = null;
    from.gradValid = false;
    return true;
  }

  /**
   * Adds {@code c·x}, where x has the value's shape: one pass over the arrays' memory for dense
   * floats ({@link Accumulation#addScaled}), without the product as an array of its own; the
   * same bits as {@code accumulate(x.mul(c), true)}.
   */
  void accumulateScaled(INDArray x, double c) {
    float scale = (float) c;
    accumulateInPlace(() -> x.mul(c), (math, out, add, lo, hi) -> math.addScaled(
        DenseFloats.bytes(x), scale, out, add, lo, hi), x);
  }

  /**
   * Adds {@code g·other} (element-wise): one pass as {@link #accumulateScaled} when both have
   * the value's shape ({@link Accumulation#addProduct}), else the product broadcast and
   * reduced; the same bits as {@code accumulate(g.mul(other), true)}.
   */
  void accumulateProduct(INDArray g, INDArray other) {
    accumulateInPlace(() -> g.mul(other), (math, out, add, lo, hi) -> math.addProduct(
        DenseFloats.bytes(g), DenseFloats.bytes(other), out, add, lo, hi), g, other);
  }

  /**
   * Adds {@code c·sign(x − m)} (the sign bit of the float x − m; see
   * {@link Accumulation#addSignedConstant}) in one pass where it can, else the array
   * {@code composed} makes with those values.
   */
  void accumulateSignedConstant(INDArray x, float m, float c, Supplier<INDArray> composed) {
    accumulateInPlace(composed, (math, out, add, lo, hi) -> math.addSignedConstant(
        DenseFloats.bytes(x), m, c, out, add, lo, hi), x);
  }

  /**
   * Adds {@code c / s} (element-wise) in one pass where it can, else the array {@code composed}
   * makes with those values.
   */
  void accumulateQuotient(float c, INDArray s, Supplier<INDArray> composed) {
    accumulateInPlace(composed, (math, out, add, lo, hi) -> math.addQuotient(
        c, DenseFloats.bytes(s), out, add, lo, hi), s);
  }

  /**
   * Adds the columns [offset, offset + columns) of the matrix g to this matrix's gradient (the
   * backward pass of a concatenation along columns), in one pass over the rows of both arrays'
   * memory; false, doing nothing, where that does not apply (other ranks, views, doubles), for
   * the caller to add a view of g instead.
   */
  boolean accumulateColumns(INDArray g, long offset) {
    if (value.rank() != 2 || g.rank() != 2 || g.size(0) != value.size(0)
        || offset + value.size(1) > g.size(1) || !DenseFloats.applies(value)
        || !DenseFloats.applies(g) || g.length() > Integer.MAX_VALUE
        || (gradValid && !DenseFloats.applies(value, grad))) {
      return false;
    }
    // a dense float buffer: ours, or checked just above
    Tensor.GemmTarget target = gemmTarget();
    ByteBuffer in = DenseFloats.bytes(g);
    ByteBuffer out = DenseFloats.bytes(target.array());
    boolean add = target.beta() != 0;
    int rows = (int) value.size(0);
    int cols = (int) value.size(1);
    int gCols = (int) g.size(1);
    Accumulation math = Accumulation.get();
    KernelThreads.byRows(rows, cols,
        (lo, hi) -> math.addColumns(in, gCols, (int) offset, out, cols, add, lo, hi));
    return true;
  }

  /** Writes or adds a contribution over a range of the gradient's memory. */
  @FunctionalInterface
  private interface InPlaceContribution {
    void apply(Accumulation math, ByteBuffer out, boolean add, int lo, int hi);
  }

  /**
   * Adds a contribution computed in place by {@code kernel} from {@code operands} (dense floats
   * of the value's shape), or, when they are not, the array {@code composed} makes.
   */
  private void accumulateInPlace(Supplier<INDArray> composed, InPlaceContribution kernel,
      INDArray... operands) {
    boolean direct = DenseFloats.applies(value);
    for (INDArray a : operands) {
      direct &= Arrays.equals(a.shape(), value.shape()) && DenseFloats.applies(a, value);
    }
    Tensor.GemmTarget target = direct ? gemmTarget() : null;
    if (!direct || !DenseFloats.applies(operands[0], target.array())) {
      INDArray contribution = composed.get();
      if (target == null) {
        accumulate(contribution, true);
        return;
      }
      if (target.beta() == 0) {
        target.array().assign(contribution);
      } else {
        target.array().addi(contribution);
      }
      Memory.release(contribution);
      return;
    }
    ByteBuffer out = DenseFloats.bytes(target.array());
    boolean add = target.beta() != 0;
    Accumulation math = Accumulation.get();
    KernelThreads.byRanges(Work.STREAMING, value.length(),
        (lo, hi) -> kernel.apply(math, out, add, lo, hi));
  }

  /**
   * Where a GEMM should write a gradient contribution, and with which beta: 1 to add to a
   * gradient already present, 0 to overwrite a fresh or reused buffer.
   */
  Tensor.GemmTarget gemmTarget() {
    if (gradValid) {
      return new Tensor.GemmTarget(grad, 1.0);
    }
    if (grad == null || !Arrays.equals(grad.shape(), value.shape())) {
      grad = leaf
          ? StepArena.outside(() -> Nd4j.createUninitialized(value.dataType(), value.shape()))
          : Nd4j.createUninitialized(value.dataType(), value.shape());
    }
    gradValid = true;
    return new Tensor.GemmTarget(grad, 0.0);
  }

  /** A leaf's buffer outlives the step: one made in the step's arena is copied out of it. */
  private INDArray kept(INDArray buffer) {
    return leaf ? StepArena.keep(buffer) : buffer;
  }

  /**
   * Frees a result's buffer (a leaf keeps its own across steps); it may have been taken
   * already ({@link #takeFromPropagating}).
   */
  void releaseUnlessLeaf() {
    if (!leaf && grad != null) {
      Memory.release(grad);
      grad = null;
      gradValid = false;
    }
  }
}
