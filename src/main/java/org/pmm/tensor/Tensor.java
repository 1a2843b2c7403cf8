package org.pmm.tensor;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.KernelThreads.Work;

/**
 * An ND4J array that remembers the operation that produced it, so that {@link #backward()} can
 * compute gradients by reverse-mode differentiation.
 *
 * <p>Three kinds of tensors exist: parameters (leaves that collect gradients across a step, see
 * {@link #parameter}), constants (data, no gradient, see {@link #constant}) and results of
 * operations. Results created while a {@link StepScope} is open are released when it closes.
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

  /** Propagates the gradient of an operation's output to its inputs. */
  @FunctionalInterface
  interface Backward {
    void propagate(INDArray outputGradient);
  }

  /**
   * The result whose backward function is running on this thread: its gradient buffer is about
   * to be freed, so an input that would copy it whole may take it instead ({@link #accumulate}).
   */
  private static final ThreadLocal<Tensor> PROPAGATING = new ThreadLocal<>();

  private INDArray value;
  private INDArray grad;
  /** False after {@link #zeroGrad()}: the next contribution overwrites the reused buffer. */
  private boolean gradValid;
  private final boolean requiresGrad;
  private final boolean leaf;
  private final Backward backward;
  private final Tensor[] inputs;
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
    return value.dataType() == type ? constant(value) : owned(value.castTo(type));
  }

  /** A scalar constant of the given type. */
  public static Tensor scalar(double v, DataType type) {
    return owned(Nd4j.scalar(type, v));
  }

  /**
   * A constant whose array was created for this step (noise, masks, broadcast helpers) and is
   * released with the innermost open {@link StepScope}.
   */
  public static Tensor stepConstant(INDArray value) {
    return owned(value);
  }

  /** A constant whose array was created for this step and is released with the step's scope. */
  static Tensor owned(INDArray value) {
    Tensor t = new Tensor(value, false, true, null, new Tensor[0], "constant");
    StepScope.track(t);
    return t;
  }

  /**
   * The result of an operation. It requires a gradient if any input does; only then is the
   * backward function kept.
   */
  static Tensor result(String op, INDArray value, Backward backward, Tensor... inputs) {
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
    return gradValid ? grad : null;
  }

  public boolean requiresGrad() {
    return requiresGrad;
  }

  public boolean isLeaf() {
    return leaf;
  }

  public long[] shape() {
    return value.shape();
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
    return grad == null || grad.wasClosed() ? 0 : Memory.bytes(grad);
  }

  /** Bytes of this tensor's own value buffer (0 for a view or a released buffer). */
  long valueBytes() {
    return value == null || value.wasClosed() || value.isView() ? 0 : Memory.bytes(value);
  }

  /** Marks the gradient as empty; its buffer is kept and overwritten by the next step. */
  public void zeroGrad() {
    gradValid = false;
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
    List<Tensor> order = topologicalOrder();
    accumulate(Nd4j.onesLike(value), true);
    for (int i = order.size() - 1; i >= 0; i--) {
      Tensor t = order.get(i);
      if (t.backward == null || !t.gradValid) {
        continue;
      }
      PROPAGATING.set(t);
      try {
        t.backward.propagate(t.grad);
      } finally {
        PROPAGATING.remove();
      }
      // An intermediate's gradient is not needed once propagated: free it early.
      t.releaseGrad();
      OpProfile.mark(t.op + " backward");
    }
  }

  /** Tensors this one depends on (including itself), inputs before outputs. */
  private List<Tensor> topologicalOrder() {
    List<Tensor> order = new ArrayList<>();
    Map<Tensor, Boolean> seen = new IdentityHashMap<>();
    Deque<Tensor> stack = new ArrayDeque<>();
    Deque<Integer> next = new ArrayDeque<>();
    stack.push(this);
    next.push(0);
    seen.put(this, Boolean.TRUE);
    // Iterative depth-first search: deep graphs must not overflow the Java stack.
    while (!stack.isEmpty()) {
      Tensor t = stack.peek();
      int i = next.pop();
      if (i < t.inputs.length) {
        next.push(i + 1);
        Tensor in = t.inputs[i];
        if (in.requiresGrad && seen.put(in, Boolean.TRUE) == null) {
          stack.push(in);
          next.push(0);
        }
      } else {
        stack.pop();
        order.add(t);
      }
    }
    return order;
  }

  /**
   * Adds a contribution to this tensor's gradient, summing over broadcast dimensions first.
   *
   * @param owned true if {@code g} was created for this call and may be kept as the gradient
   */
  void accumulate(INDArray g, boolean owned) {
    if (!requiresGrad) {
      return;
    }
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
        grad = reduced;
      } else if (grad != null && Arrays.equals(grad.shape(), value.shape())) {
        addInto(reduced, grad, false); // a leaf's buffer, reused across steps
        if (reducedOwned) {
          Memory.release(reduced);
        }
      } else {
        grad = reducedOwned && !reduced.isView() ? reduced : reduced.dup();
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
   * floats (the bits of ND4J's assign and addi), ND4J otherwise. An ND4J operation costs
   * 0.1-0.8 ms here whatever the size, with its overhead and the wake-up of its threads: batch
   * norm's scale and shift gradients alone took six per GMU step (ninth session).
   */
  private static void addInto(INDArray x, INDArray out, boolean add) {
    if (!FloatKernels.applies(x, out)) {
      if (add) {
        out.addi(x);
      } else {
        out.assign(x);
      }
      return;
    }
    ByteBuffer in = FloatKernels.bytes(x);
    ByteBuffer to = FloatKernels.bytes(out);
    ArrayMath math = ArrayMath.get();
    FloatKernels.byRanges(Work.STREAMING, out.length(),
        (lo, hi) -> math.addScaled(in, 1f, to, add, lo, hi));
  }

  /**
   * A bias-like tensor ([n] or [1, n]) receiving a gradient of shape [rows, n]: the column sums
   * go straight into the gradient's buffer ({@link ColumnSums#into}) instead of a new array
   * copied there. False, doing nothing, where that does not apply.
   */
  private boolean sumsRowsInPlace(INDArray g, boolean owned) {
    long[] s = value.shape();
    boolean row = s.length == 1 || (s.length == 2 && s[0] == 1);
    if (!row || g.rank() != 2 || g.size(0) < 2 || g.size(1) != value.length()
        || g.dataType() != value.dataType()) {
      return false;
    }
    // gradTarget() below reuses a buffer of this shape or allocates a dense one
    boolean fresh = !gradValid && (grad == null || !Arrays.equals(grad.shape(), s));
    if (fresh ? !ColumnSums.intoTakes(g) : !ColumnSums.intoApplies(g, grad)) {
      return false;
    }
    GemmTarget target = gradTarget();
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
    Tensor from = PROPAGATING.get();
    if (from == null || from == this || from.grad != g || g.isView()
        || !Arrays.equals(g.shape(), value.shape()) || g.dataType() != value.dataType()) {
      return false;
    }
    from.grad = null;
    from.gradValid = false;
    return true;
  }

  /**
   * Adds {@code c·x} to this tensor's gradient, where x has this tensor's shape: one pass over
   * the arrays' memory for dense floats ({@link ArrayMath#addScaled}), without the product as
   * an array of its own; the same bits as {@code accumulate(x.mul(c), true)}.
   */
  void accumulateScaled(INDArray x, double c) {
    float scale = (float) c;
    accumulateInPlace(() -> x.mul(c), (math, out, add, lo, hi) -> math.addScaled(
        FloatKernels.bytes(x), scale, out, add, lo, hi), x);
  }

  /**
   * Adds {@code g·other} (element-wise) to this tensor's gradient: one pass as
   * {@link #accumulateScaled} when both have this tensor's shape ({@link ArrayMath#addProduct}),
   * else the product broadcast and reduced; the same bits as
   * {@code accumulate(g.mul(other), true)}.
   */
  void accumulateProduct(INDArray g, INDArray other) {
    accumulateInPlace(() -> g.mul(other), (math, out, add, lo, hi) -> math.addProduct(
        FloatKernels.bytes(g), FloatKernels.bytes(other), out, add, lo, hi), g, other);
  }

  /**
   * Adds the columns [offset, offset + columns) of the matrix g to this matrix's gradient (the
   * backward pass of a concatenation along columns), in one pass over the rows of both arrays'
   * memory; false, doing nothing, where that does not apply (other ranks, views, doubles), for
   * the caller to add a view of g instead.
   */
  boolean accumulateColumns(INDArray g, long offset) {
    if (!requiresGrad) {
      return true;
    }
    if (rank() != 2 || g.rank() != 2 || g.size(0) != size(0) || offset + size(1) > g.size(1)
        || !FloatKernels.applies(value) || !FloatKernels.applies(g)
        || g.length() > Integer.MAX_VALUE || (gradValid && !FloatKernels.applies(value, grad))) {
      return false;
    }
    GemmTarget target = gradTarget();   // a dense float buffer: ours, or checked just above
    ByteBuffer in = FloatKernels.bytes(g);
    ByteBuffer out = FloatKernels.bytes(target.array());
    boolean add = target.beta() != 0;
    int rows = (int) size(0);
    int cols = (int) size(1);
    int gCols = (int) g.size(1);
    ArrayMath math = ArrayMath.get();
    FloatKernels.byRows(rows, cols,
        (lo, hi) -> math.addColumns(in, gCols, (int) offset, out, cols, add, lo, hi));
    return true;
  }

  /** Writes or adds a contribution over a range of the gradient's memory. */
  @FunctionalInterface
  private interface InPlaceContribution {
    void apply(ArrayMath math, ByteBuffer out, boolean add, int lo, int hi);
  }

  /**
   * Adds a contribution computed in place by {@code kernel} from {@code operands} (dense floats
   * of this tensor's shape), or, when they are not, the array {@code composed} makes.
   */
  private void accumulateInPlace(java.util.function.Supplier<INDArray> composed,
      InPlaceContribution kernel, INDArray... operands) {
    if (!requiresGrad) {
      return;
    }
    boolean direct = FloatKernels.applies(value);
    for (INDArray a : operands) {
      direct &= Arrays.equals(a.shape(), value.shape()) && FloatKernels.applies(a, value);
    }
    GemmTarget target = direct ? gradTarget() : null;
    if (!direct || !FloatKernels.applies(operands[0], target.array())) {
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
    ByteBuffer out = FloatKernels.bytes(target.array());
    boolean add = target.beta() != 0;
    ArrayMath math = ArrayMath.get();
    FloatKernels.byRanges(Work.STREAMING, value.length(),
        (lo, hi) -> kernel.apply(math, out, add, lo, hi));
  }

  /**
   * Where a GEMM should write this tensor's gradient contribution, and with which beta: 1 to
   * add to a gradient already present, 0 to overwrite a fresh or reused buffer.
   */
  GemmTarget gradTarget() {
    if (gradValid) {
      return new GemmTarget(grad, 1.0);
    }
    if (grad == null || !Arrays.equals(grad.shape(), value.shape())) {
      grad = Nd4j.createUninitialized(value.dataType(), value.shape());
    }
    gradValid = true;
    return new GemmTarget(grad, 0.0);
  }

  record GemmTarget(INDArray array, double beta) {}

  private void releaseGrad() {
    if (!leaf && grad != null) {
      Memory.release(grad);
      grad = null;
      gradValid = false;
    }
  }

  /** Frees this result's buffers (called by {@link StepScope}). */
  void release() {
    releaseGrad();
    if (value != null) {
      Memory.release(value);
    }
  }

  String describeName() {
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
