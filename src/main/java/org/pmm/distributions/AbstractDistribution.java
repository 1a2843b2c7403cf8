package org.pmm.distributions;

import java.util.Arrays;
import java.util.function.DoublePredicate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.Memory;
import org.pmm.tensor.OpProfile;
import org.pmm.tensor.Ops;
import org.pmm.tensor.Tensor;

/**
 * What every distribution shares: batch and event shapes, the data type of its parameters,
 * {@link #toEvent}, value shape checks and cheap parameter validation with precise messages.
 *
 * <p>A subclass sets its shapes in the constructor, validates its parameters with the
 * {@code require...} helpers, and checks the support of values in {@link #checkSupport}.
 *
 * <pre>{@code
 * requirePositive("scale", scale);   // "Laplace: 'scale' must be positive, found -1.0 at index [3]"
 * }</pre>
 */
public abstract class AbstractDistribution implements Distribution {
  private final String name;
  private final long[] batchShape;
  private final long[] eventShape;
  private final DataType dataType;

  protected AbstractDistribution(String name, long[] batchShape, long[] eventShape,
      DataType dataType) {
    this.name = name;
    this.batchShape = batchShape.clone();
    this.eventShape = eventShape.clone();
    this.dataType = dataType;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long[] batchShape() {
    return batchShape.clone();
  }

  @Override
  public long[] eventShape() {
    return eventShape.clone();
  }

  /** The data type of the parameters; samples and log-densities have this type too. */
  public DataType dataType() {
    return dataType;
  }

  /** batch shape ++ event shape: the shape of one draw. */
  public long[] sampleShape() {
    return Shapes.concat(batchShape, eventShape);
  }

  @Override
  public Distribution toEvent(int n) {
    return Independent.of(this, n);
  }

  @Override
  public Tensor rsample(org.pmm.tensor.RandomStream rng) {
    throw new UnsupportedOperationException(name + " has no reparameterised sampler (rsample): "
        + "its draws are not differentiable with respect to its parameters; use sample() with "
        + "a score-function estimator instead");
  }

  @Override
  public boolean hasRsample() {
    return false;
  }

  @Override
  public void checkValue(Tensor value) {
    checkShape(value);
    INDArray v = value.value();
    checkSupport(v.dataType() == dataType ? v : v.castTo(dataType));
  }

  /**
   * Throws if a value's rightmost dimensions differ from the event shape or its leading
   * dimensions do not broadcast with the batch shape.
   */
  protected void checkShape(Tensor value) {
    long[] shape = value.shape();
    int e = eventShape.length;
    boolean ok = shape.length >= e
        && Arrays.equals(Shapes.last(shape, e), eventShape)
        && broadcastable(Shapes.dropLast(shape, e), batchShape);
    if (!ok) {
      throw new InvalidDistributionException(name + ": value shape " + Arrays.toString(shape)
          + " does not match batch shape " + Arrays.toString(batchShape) + " and event shape "
          + Arrays.toString(eventShape));
    }
  }

  private static boolean broadcastable(long[] a, long[] b) {
    for (int i = 1; i <= Math.min(a.length, b.length); i++) {
      long x = a[a.length - i];
      long y = b[b.length - i];
      if (x != y && x != 1 && y != 1) {
        return false;
      }
    }
    return true;
  }

  /** Throws if some element of {@code value} lies outside the support. */
  protected abstract void checkSupport(INDArray value);

  /**
   * Checks the shape, then returns the value in the parameters' data type (a constant copy if
   * it had another type; values of another type cannot carry gradients anyway), broadcast to
   * the shape of the result so that no operation has to broadcast both of its operands.
   */
  protected Tensor prepareValue(Tensor value, boolean checkSupport) {
    checkShape(value);
    // Cast first: observations may come as integers, and support checks do arithmetic.
    Tensor x = value.dataType() == dataType ? value
        : Tensor.stepConstant(value.value().castTo(dataType));
    if (checkSupport) {
      checkSupport(x.value());
    }
    long[] full = Shapes.concat(resultBatchShape(x), eventShape);
    return TensorMath.broadcastTo(x, full);
  }

  /** The shape of {@code logProb(value)}: the value's batch part broadcast with the batch shape. */
  protected long[] resultBatchShape(Tensor value) {
    return Shapes.broadcast(name, Shapes.dropLast(value.shape(), eventShape.length), batchShape);
  }

  /**
   * A parameter as a distribution stores it: rank-0 parameters stay scalars, others are
   * broadcast to the batch shape. A scalar broadcasts one-sidedly against any operand, so no
   * operation needs two-sided broadcasting (which ND4J lacks), and an expanded scalar prior
   * such as {@code Laplace(0, 1).expand(4096, 3000)} allocates nothing of the batch's size.
   */
  protected Tensor batchParam(Tensor t) {
    return t.rank() == 0 ? t : toBatch(t);
  }

  /** {@code t} (of the batch shape, or broadcastable to it) broadcast to the batch shape. */
  protected Tensor toBatch(Tensor t) {
    return TensorMath.broadcastTo(t, batchShape);
  }

  /** A constant of the parameters' type (a cast copy is owned by the current step). */
  protected Tensor constant(INDArray a) {
    return Tensor.constantAs(a, dataType);
  }

  /**
   * A constant around an array created for this step (noise, masks), released with the
   * current {@link org.pmm.tensor.StepScope}.
   */
  protected Tensor fresh(INDArray a) {
    return Tensor.stepConstant(Memory.castFreeing(a, dataType));
  }

  protected Tensor zeros(long... shape) {
    return Tensor.stepConstant(Nd4j.zeros(dataType, shape));
  }

  // ---------------------------------------------------------------- validation helpers

  /** All parameters must share one data type. */
  protected static DataType commonType(String who, String[] names, Tensor... params) {
    DataType type = params[0].dataType();
    for (int i = 1; i < params.length; i++) {
      if (params[i].dataType() != type) {
        throw new InvalidDistributionException(who + ": '" + names[i] + "' has data type "
            + params[i].dataType() + " but '" + names[0] + "' has " + type);
      }
    }
    return type;
  }

  /** Every element finite (one reduction; the element loop runs only on failure). */
  protected static void requireFinite(String who, String arg, Tensor t) {
    INDArray a = t.value();
    OpProfile.mark("(before validation)");
    if (Ops.hasNonFinite(a)) {
      failAt(who, arg, a, "must be finite", x -> !Double.isFinite(x));
    }
    OpProfile.mark("validation");
  }

  /** Every element finite and > 0. */
  protected static void requirePositive(String who, String arg, Tensor t) {
    INDArray a = t.value();
    OpProfile.mark("(before validation)");
    if (!Ops.allPositiveFinite(a)) {
      failAt(who, arg, a, "must be positive", x -> !(x > 0) || Double.isInfinite(x));
    }
    OpProfile.mark("validation");
  }

  /** Every element finite and ≥ 0. */
  protected static void requireNonNegative(String who, String arg, Tensor t) {
    INDArray a = t.value();
    if (a.length() > 0 && (Ops.hasNonFinite(a) || a.minNumber().doubleValue() < 0)) {
      failAt(who, arg, a, "must be non-negative", x -> !(x >= 0) || Double.isInfinite(x));
    }
  }

  /** Every element in the closed interval [lo, hi]. */
  protected static void requireInterval(String who, String arg, Tensor t, double lo,
      double hi) {
    INDArray a = t.value();
    if (a.length() > 0 && (Ops.hasNonFinite(a) || a.minNumber().doubleValue() < lo
        || a.maxNumber().doubleValue() > hi)) {
      failAt(who, arg, a, "must lie in [" + num(lo) + ", " + num(hi) + "]",
          x -> !(x >= lo && x <= hi));
    }
  }

  /**
   * Throws naming the first element of {@code a} for which {@code bad} holds, e.g.
   * "Laplace: 'scale' must be positive, found -1.0 at index [3]". Returns quietly if none does
   * (a reduction may overflow where no single element is bad).
   */
  protected static void failAt(String who, String arg, INDArray a, String rule,
      DoublePredicate bad) {
    double[] values = TensorMath.toDoubles(a);
    for (int i = 0; i < values.length; i++) {
      if (bad.test(values[i])) {
        throw new InvalidDistributionException(who + ": '" + arg + "' " + rule + ", found "
            + values[i] + " at index " + indexString(a.shape(), i));
      }
    }
  }

  /** The multi-dimensional index of C-order position {@code i}, as "[1, 2]". */
  protected static String indexString(long[] shape, long i) {
    if (shape.length == 0) {
      return "[]";
    }
    return Arrays.toString(Shape.ind2subC(shape, i));
  }

  /** The first element of {@code value} (a parameter's type) violating a support rule. */
  protected void requireSupport(INDArray value, String rule, DoublePredicate bad) {
    double[] values = TensorMath.toDoubles(value);
    for (int i = 0; i < values.length; i++) {
      if (bad.test(values[i])) {
        throw new InvalidDistributionException(name + ": value " + values[i] + " at index "
            + indexString(value.shape(), i) + " is outside the support (" + rule + ")");
      }
    }
  }

  /** Values of a real-valued distribution must be finite (one reduction). */
  protected void requireReal(INDArray value) {
    if (Ops.hasNonFinite(value)) {
      requireSupport(value, "a finite real number", x -> !Double.isFinite(x));
    }
  }

  /** Values of a distribution on (0, ∞) (one reduction in the common case). */
  protected void requirePositiveValues(INDArray value) {
    if (!Ops.allPositiveFinite(value)) {
      requireSupport(value, "x > 0", x -> !(x > 0) || Double.isInfinite(x));
    }
  }

  /**
   * A parameter broadcast for {@link #expand}: its batch part to {@code newBatch}, keeping its
   * trailing {@code paramEventDims} dimensions (1 for Categorical and Dirichlet parameters).
   */
  protected Tensor expandParam(Tensor param, long[] newBatch, int paramEventDims) {
    if (!Shapes.broadcastsTo(batchShape, newBatch)) {
      throw new InvalidDistributionException(name + ": cannot expand batch shape "
          + Arrays.toString(batchShape) + " to " + Arrays.toString(newBatch));
    }
    long[] target = Shapes.concat(newBatch, Shapes.last(param.shape(), paramEventDims));
    return TensorMath.broadcastTo(param, target);
  }

  protected Tensor expandParam(Tensor param, long[] newBatch) {
    return expandParam(param, newBatch, 0);
  }

  /**
   * Like {@link #expandParam}, but a rank-0 parameter stays a scalar: for distributions that
   * take their batch shape as an argument and store parameters with {@link #batchParam}.
   */
  protected Tensor expandScalarParam(Tensor param, long[] newBatch) {
    return param.rank() == 0 && Shapes.broadcastsTo(batchShape, newBatch) ? param
        : expandParam(param, newBatch, 0);
  }

  static String num(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
  }

  @Override
  public String toString() {
    return name + "(batch " + Arrays.toString(batchShape) + ", event "
        + Arrays.toString(eventShape) + ")";
  }
}
