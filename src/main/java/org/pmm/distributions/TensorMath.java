package org.pmm.distributions;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.Ops;
import org.pmm.tensor.Tensor;

/**
 * Differentiable functions that the tensor engine lacks, composed from its public operations:
 * log-gamma, digamma, log-sum-exp, softmax and broadcasting to a shape.
 *
 * <pre>{@code
 * Tensor lbeta = TensorMath.lgamma(a).add(TensorMath.lgamma(b)).sub(TensorMath.lgamma(a.add(b)));
 * }</pre>
 */
public final class TensorMath {
  private TensorMath() {}

  /**
   * An element-wise function {@code f} with derivative {@code df}, as a differentiable tensor.
   *
   * <p>Values and derivatives are computed element by element (for functions ND4J lacks, such as
   * log-gamma) and handed to the engine's {@link Ops#elementwise}. Second derivatives are not
   * available this way (d is a constant).
   */
  public static Tensor elementwise(Tensor x, DoubleUnaryOperator f, DoubleUnaryOperator df) {
    INDArray xv = x.value();
    INDArray v = map(xv, f);
    if (!x.requiresGrad()) {
      return Tensor.stepConstant(v);
    }
    return Ops.elementwise("elementwise", x, v, map(xv, df));
  }

  /** The array {@code f(a)} element by element, in {@code a}'s data type and shape. */
  public static INDArray map(INDArray a, DoubleUnaryOperator f) {
    double[] values = toDoubles(a);
    for (int i = 0; i < values.length; i++) {
      values[i] = f.applyAsDouble(values[i]);
    }
    return fromDoubles(values, a.shape(), a.dataType());
  }

  /** The elements of {@code a} in C order. */
  public static double[] toDoubles(INDArray a) {
    return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
  }

  /** An array of the given shape and type holding {@code values} in C order. */
  public static INDArray fromDoubles(double[] values, long[] shape, DataType type) {
    INDArray d = Nd4j.create(values, shape, 'c');
    return type == DataType.DOUBLE ? d : d.castTo(type);
  }

  /** log Γ(x) for x > 0; gradient ψ(x). */
  public static Tensor lgamma(Tensor x) {
    return elementwise(x, org.apache.commons.math3.special.Gamma::logGamma, org.apache.commons.math3.special.Gamma::digamma);
  }

  /** ψ(x) = d/dx log Γ(x); gradient ψ'(x) (trigamma). */
  public static Tensor digamma(Tensor x) {
    return elementwise(x, org.apache.commons.math3.special.Gamma::digamma, org.apache.commons.math3.special.Gamma::trigamma);
  }

  /** log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b). */
  public static Tensor logBeta(Tensor a, Tensor b) {
    return lgamma(a).add(lgamma(b)).sub(lgamma(a.add(b)));
  }

  /**
   * log Σ exp(x) over {@code axis}, stable: the maximum is subtracted first. The maximum is
   * detached because the result does not depend on it mathematically; gradients flow through
   * the exponentials only (softmax weights).
   */
  public static Tensor logSumExp(Tensor x, int axis, boolean keepDims) {
    Tensor m = x.max(axis, true).detach();
    Tensor lse = x.sub(m).exp().sum(true, axis).log().add(m);
    if (keepDims) {
      return lse;
    }
    int a = axis < 0 ? axis + x.rank() : axis;
    long[] shape = x.shape();
    long[] reduced = new long[shape.length - 1];
    for (int i = 0, j = 0; i < shape.length; i++) {
      if (i != a) {
        reduced[j++] = shape[i];
      }
    }
    return lse.reshape(reduced);
  }

  /** Normalised log-probabilities: x − logsumexp(x) over {@code axis}. */
  public static Tensor logSoftmax(Tensor x, int axis) {
    return x.sub(logSumExp(x, axis, true));
  }

  /**
   * {@code t} broadcast to {@code shape} (gradients are summed back by the engine). The larger
   * operand comes first: ND4J cannot broadcast both operands of one operation (a [4, 1] by a
   * [K] operand fails), so distributions broadcast parameters to their batch shape up front.
   */
  public static Tensor broadcastTo(Tensor t, long[] shape) {
    if (Arrays.equals(t.shape(), shape)) {
      return t;
    }
    if (!Shapes.broadcastsTo(t.shape(), shape)) {
      throw new InvalidDistributionException("cannot broadcast shape " + Arrays.toString(t.shape())
          + " to " + Arrays.toString(shape));
    }
    return Tensor.stepConstant(Nd4j.zeros(t.dataType(), shape)).add(t);
  }
}
