package org.pmm.tensor;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.ops.ArithmeticOps;
import org.pmm.tensor.ops.LinearOps;
import org.pmm.tensor.ops.ReductionOps;
import org.pmm.tensor.ops.ShapeOps;
import org.pmm.tensor.ops.UnaryOps;

/**
 * An ND4J array that remembers the operation that produced it, so that {@link #backward()} can
 * compute gradients by reverse-mode differentiation.
 *
 * <p>Three kinds of tensors exist: parameters (leaves that collect gradients across a step, see
 * {@link #parameter}), constants (data, no gradient, see {@link #constant}) and results of
 * operations. Results created while a {@link StepScope} is open are released when it closes.
 * Each tensor that requires a gradient collects it in a {@link GradientBuffer}. The operations
 * themselves, forward and backward, live in {@code org.pmm.tensor.ops}; the fluent forms at the
 * end of this class call them, and operations build results with {@link #result}.
 *
 * <pre>{@code
 * Tensor w = Tensor.parameter(Nd4j.rand(DataType.FLOAT, 3, 2));
 * try (StepScope step = StepScope.open()) {
 *   Tensor x = Tensor.constant(Nd4j.rand(DataType.FLOAT, 4, 3));
 *   Tensor loss = x.matmul(w).tanh().square().sum();
 *   loss.backward();            // w.grad() now holds d loss / d w
 * }
 * }</pre>
 */
public final class Tensor {

  /** Propagates the gradient of an operation's output to its inputs ({@link #accumulate}). */
  @FunctionalInterface
  public interface Backward {
    void propagate(INDArray outputGradient);
  }

  private final INDArray value;
  private GradientBuffer grads;   // created when a gradient first reaches this tensor
  private final boolean requiresGrad;
  private final boolean leaf;
  private final Backward backward;
  final Tensor[] inputs;
  private final String op;
  private String name;

  private Tensor(INDArray value, boolean requiresGrad, boolean leaf, Backward backward,
      Tensor[] inputs, String op) {
    this.value = value;
    this.requiresGrad = requiresGrad;
    this.leaf = leaf;
    this.backward = backward;
    this.inputs = inputs;
    this.op = op;
  }

  /** A leaf that collects gradients (a parameter, or an unconstrained parameter's storage). */
  public static Tensor parameter(INDArray value) {
    return new Tensor(value, true, true, null, new Tensor[0], "parameter");
  }

  /** A leaf without gradient: data, or a value fixed for this step. Not owned by any scope. */
  public static Tensor constant(INDArray value) {
    return new Tensor(value, false, true, null, new Tensor[0], "constant");
  }

  /**
   * A constant of the given type: {@code value} itself (not owned by any scope) if it has that
   * type, else a converted copy released with the innermost open {@link StepScope}.
   */
  public static Tensor constantAs(INDArray value, DataType type) {
    return value.dataType() == type ? constant(value) : stepConstant(value.castTo(type));
  }

  /** A scalar constant of the given type. */
  public static Tensor scalar(double v, DataType type) {
    return stepConstant(Nd4j.scalar(type, v));
  }

  /**
   * A constant whose array was created for this step (noise, masks, broadcast helpers) and is
   * released with the innermost open {@link StepScope}.
   */
  public static Tensor stepConstant(INDArray value) {
    Tensor t = new Tensor(value, false, true, null, new Tensor[0], "constant");
    StepScope.track(t);
    return t;
  }

  /**
   * The result of an operation: its value, the function that propagates its gradient to the
   * inputs, and the inputs. It requires a gradient if any input does; only then is the backward
   * function kept. Registered with the innermost open {@link StepScope}.
   *
   * <pre>{@code
   * INDArray y = x.value().mul(3.0);
   * return Tensor.result("triple", y, g -> x.accumulateScaled(g, 3.0), x);
   * }</pre>
   */
  public static Tensor result(String op, INDArray value, Backward backward, Tensor... inputs) {
    OpProfile.mark(OpProfile.SHAPES ? op + " " + Tensor.shapeString(value.shape()) : op);
    boolean needs = false;
    for (Tensor in : inputs) {
      needs |= in.requiresGrad;
    }
    Tensor t = needs
        ? new Tensor(value, true, false, backward, inputs, op)
        : new Tensor(value, false, false, null, new Tensor[0], op);
    StepScope.track(t);
    return t;
  }

  // ---------------------------------------------------------------- accessors

  public INDArray value() {
    return value;
  }

  /** The accumulated gradient, or null if none reached this tensor. */
  public INDArray grad() {
    return grads == null ? null : grads.valid();
  }

  public boolean requiresGrad() {
    return requiresGrad;
  }

  public boolean isLeaf() {
    return leaf;
  }

  /**
   * A copy of the shape: ND4J's {@code INDArray.shape()} returns the array's own shape record,
   * so that writing into it reshapes the array in place.
   */
  public long[] shape() {
    return value.shape().clone();
  }

  public int rank() {
    return value.rank();
  }

  public long size(int dim) {
    return value.size(dim < 0 ? dim + value.rank() : dim);
  }

  public long length() {
    return value.length();
  }

  public DataType dataType() {
    return value.dataType();
  }

  /** The operation that produced this tensor ("parameter", "constant", "matmul", ...). */
  public String op() {
    return op;
  }

  /** An optional name used in error messages (parameter or site name). */
  public String name() {
    return name;
  }

  public Tensor named(String name) {
    this.name = name;
    return this;
  }

  /** The value of a one-element tensor. */
  public double item() {
    if (value.length() != 1) {
      throw new ShapeException("item() needs a single element, got shape " + shapeString(shape()));
    }
    return value.getDouble(0);
  }

  /** A constant sharing this tensor's value: gradients stop here. */
  public Tensor detach() {
    return new Tensor(value, false, true, null, new Tensor[0], "detach");
  }

  /** Replaces a leaf's value in place (optimisers, max-norm projection, loading). */
  public void assign(INDArray newValue) {
    if (!leaf) {
      throw new IllegalStateException("only leaves can be assigned, not the result of " + op);
    }
    if (!Arrays.equals(value.shape(), newValue.shape())) {
      throw new ShapeException("assign: shape " + shapeString(newValue.shape())
          + " does not match " + shapeString(value.shape()) + describeName());
    }
    value.assign(newValue);
  }

  /**
   * Bytes of the gradient buffer this tensor keeps, valid or not: a parameter keeps its buffer
   * across steps (see {@link #zeroGrad()}). For memory reports.
   */
  public long gradientBufferBytes() {
    return grads == null ? 0 : grads.bytes();
  }

  /** Bytes of this tensor's own value buffer (0 for a view or a released buffer). */
  long valueBytes() {
    return value == null || value.wasClosed() || value.isView() ? 0 : Memory.bytes(value);
  }

  /** Marks the gradient as empty; its buffer is kept and overwritten by the next step. */
  public void zeroGrad() {
    if (grads != null) {
      grads.invalidate();
    }
  }

  // ---------------------------------------------------------------- differentiation

  /**
   * Computes the gradient of this scalar with respect to every tensor it depends on that
   * requires one. Gradients of parameters accumulate until {@link #zeroGrad()}.
   */
  public void backward() {
    if (value.length() != 1) {
      throw new ShapeException("backward() needs a scalar, got shape " + shapeString(shape()));
    }
    if (!requiresGrad) {
      throw new IllegalStateException("backward(): the value does not depend on any parameter");
    }
    OpProfile.mark("(before backward)");
    List<Tensor> order = GraphOrder.of(this);
    accumulate(Nd4j.onesLike(value), true);
    for (int i = order.size() - 1; i >= 0; i--) {
      Tensor t = order.get(i);
      if (t.backward == null || t.grads == null || t.grads.valid() == null) {
        continue;
      }
      t.grads.propagate(t.backward);
      // An intermediate's gradient is not needed once propagated: free it early.
      t.grads.releaseUnlessLeaf();
      OpProfile.mark(t.op + " backward");
    }
  }

  private GradientBuffer grads() {
    if (grads == null) {
      grads = new GradientBuffer(value, leaf);
    }
    return grads;
  }

  /**
   * Adds a contribution to this tensor's gradient (nothing if it requires none), summing over
   * broadcast dimensions first. For operations' backward functions.
   *
   * @param owned true if {@code g} was created for this call and may be kept as the gradient
   */
  public void accumulate(INDArray g, boolean owned) {
    if (requiresGrad) {
      grads().accumulate(g, owned);
    }
  }

  /**
   * Adds {@code c·x} to this tensor's gradient, where x has this tensor's shape, in one pass
   * over the arrays' memory where it can: the bits of {@code accumulate(x.mul(c), true)}.
   */
  public void accumulateScaled(INDArray x, double c) {
    if (requiresGrad) {
      grads().accumulateScaled(x, c);
    }
  }

  /**
   * Adds {@code g·other} (element-wise) to this tensor's gradient, in one pass where it can:
   * the bits of {@code accumulate(g.mul(other), true)}.
   */
  public void accumulateProduct(INDArray g, INDArray other) {
    if (requiresGrad) {
      grads().accumulateProduct(g, other);
    }
  }

  /**
   * Adds {@code c·sign(x − m)} element-wise to this tensor's gradient, the sign from the sign
   * bit of the float x − m (the gradient of c·|x − m|, with ±c at x = m), in one pass where it
   * can; elsewhere the array {@code composed} gives those values.
   */
  public void accumulateSignedConstant(INDArray x, float m, float c,
      Supplier<INDArray> composed) {
    if (requiresGrad) {
      grads().accumulateSignedConstant(x, m, c, composed);
    }
  }

  /**
   * Adds {@code c / s} element-wise to this tensor's gradient, in one pass where it can;
   * elsewhere the array {@code composed} gives those values.
   */
  public void accumulateQuotient(float c, INDArray s,
      Supplier<INDArray> composed) {
    if (requiresGrad) {
      grads().accumulateQuotient(c, s, composed);
    }
  }

  /**
   * Adds the columns [offset, offset + columns) of the matrix g to this matrix's gradient in one
   * pass (a concatenation's backward); false, doing nothing, where that does not apply (other
   * ranks, views, doubles), for the caller to add a view of g instead.
   */
  public boolean accumulateColumns(INDArray g, long offset) {
    return !requiresGrad || grads().accumulateColumns(g, offset);
  }

  /**
   * Where a GEMM should write this tensor's gradient contribution, and with which beta: 1 to
   * add to a gradient already present, 0 to overwrite a fresh or reused buffer.
   */
  public GemmTarget gradTarget() {
    return grads().gemmTarget();
  }

  /** A GEMM's output array for a gradient contribution and the beta it is written with. */
  public record GemmTarget(INDArray array, double beta) {}

  /** Frees this result's buffers (called by {@link StepScope}). */
  void release() {
    if (grads != null) {
      grads.releaseUnlessLeaf();
    }
    if (value != null) {
      Memory.release(value);
    }
  }

  /** " (name)" for error messages, or nothing for an unnamed tensor. */
  public String describeName() {
    return name == null ? "" : " (" + name + ")";
  }

  public static String shapeString(long[] shape) {
    return Arrays.toString(shape);
  }

  @Override
  public String toString() {
    return "Tensor" + (name == null ? "" : "(" + name + ")") + shapeString(shape()) + " " + op;
  }

  // ---------------------------------------------------------------- operations (fluent forms)

  public Tensor matmul(Tensor other) {
    return LinearOps.matmul(this, other);
  }

  public Tensor add(Tensor other) {
    return ArithmeticOps.add(this, other);
  }

  public Tensor add(double c) {
    return ArithmeticOps.add(this, c);
  }

  public Tensor sub(Tensor other) {
    return ArithmeticOps.sub(this, other);
  }

  public Tensor sub(double c) {
    return ArithmeticOps.add(this, -c);
  }

  public Tensor mul(Tensor other) {
    return ArithmeticOps.mul(this, other);
  }

  public Tensor mul(double c) {
    return ArithmeticOps.mul(this, c);
  }

  public Tensor div(Tensor other) {
    return ArithmeticOps.div(this, other);
  }

  public Tensor div(double c) {
    return ArithmeticOps.mul(this, 1.0 / c);
  }

  public Tensor neg() {
    return ArithmeticOps.mul(this, -1.0);
  }

  public Tensor exp() {
    return UnaryOps.exp(this);
  }

  public Tensor log() {
    return UnaryOps.log(this);
  }

  public Tensor log1p() {
    return UnaryOps.log1p(this);
  }

  public Tensor abs() {
    return UnaryOps.abs(this);
  }

  public Tensor sign() {
    return UnaryOps.sign(this);
  }

  public Tensor square() {
    return UnaryOps.square(this);
  }

  public Tensor sqrt() {
    return UnaryOps.sqrt(this);
  }

  public Tensor pow(double p) {
    return UnaryOps.pow(this, p);
  }

  public Tensor tanh() {
    return UnaryOps.tanh(this);
  }

  public Tensor sigmoid() {
    return UnaryOps.sigmoid(this);
  }

  public Tensor softplus() {
    return UnaryOps.softplus(this);
  }

  public Tensor logSigmoid() {
    return UnaryOps.logSigmoid(this);
  }

  public Tensor relu() {
    return UnaryOps.relu(this);
  }

  public Tensor clamp(double lo, double hi) {
    return UnaryOps.clamp(this, lo, hi);
  }

  /** Sum of all elements (a scalar of shape []). */
  public Tensor sum() {
    return ReductionOps.sumAll(this);
  }

  public Tensor sum(boolean keepDims, int... axes) {
    return ReductionOps.sum(this, keepDims, axes);
  }

  /** Σ x² over all elements (a scalar), in one pass: {@code w.sumOfSquares()} is an L2 penalty. */
  public Tensor sumOfSquares() {
    return ReductionOps.sumOfSquares(this);
  }

  /** Σ |x| over all elements (a scalar), in one pass: an L1 penalty. */
  public Tensor sumOfAbs() {
    return ReductionOps.sumOfAbs(this);
  }

  public Tensor mean() {
    return ReductionOps.meanAll(this);
  }

  public Tensor mean(boolean keepDims, int... axes) {
    return ReductionOps.mean(this, keepDims, axes);
  }

  public Tensor max(int axis, boolean keepDims) {
    return ReductionOps.max(this, axis, keepDims);
  }

  public Tensor reshape(long... shape) {
    return ShapeOps.reshape(this, shape);
  }

  public Tensor slice(int axis, long from, long to) {
    return ShapeOps.slice(this, axis, from, to);
  }

  public Tensor gatherRows(long[] rows) {
    return ShapeOps.gatherRows(this, rows);
  }
}
