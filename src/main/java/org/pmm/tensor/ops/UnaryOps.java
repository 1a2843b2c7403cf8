package org.pmm.tensor.ops;

import java.nio.ByteBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pmm.tensor.Memory;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;
import org.pmm.tensor.kernels.DenseFloats;
import org.pmm.tensor.kernels.ElementWiseMath;
import org.pmm.tensor.kernels.HeapChunks;
import org.pmm.tensor.kernels.KernelThreads;
import org.pmm.tensor.kernels.KernelThreads.Work;

/**
 * Element-wise functions of one tensor, each with its derivative. Dense float arrays take pmm's
 * kernels ({@link ElementWiseMath}: tanh, sigmoid, softplus and their gradients), everything
 * else ND4J's transforms.
 *
 * <pre>{@code
 * Tensor y = UnaryOps.tanh(x);   // x.tanh(); backward: g · (1 − y²)
 * }</pre>
 */
public final class UnaryOps {
  private UnaryOps() {}

  public static Tensor exp(Tensor x) {
    INDArray y = Transforms.exp(x.value(), true);
    return Tensor.result("exp", y, g -> x.accumulate(g.mul(y), true), x);
  }

  public static Tensor log(Tensor x) {
    INDArray y = Transforms.log(x.value(), true);
    return Tensor.result("log", y, g -> x.accumulate(g.div(x.value()), true), x);
  }

  public static Tensor log1p(Tensor x) {
    INDArray y = Transforms.log1p(x.value(), true);
    return Tensor.result("log1p", y, g -> x.accumulate(g.div(x.value().add(1.0)), true), x);
  }

  public static Tensor abs(Tensor x) {
    INDArray y = Transforms.abs(x.value(), true);
    return Tensor.result("abs", y,
        g -> x.accumulate(Transforms.sign(x.value(), true).muli(g), true), x);
  }

  /** The sign function; its derivative is zero almost everywhere, so no gradient flows. */
  public static Tensor sign(Tensor x) {
    return Tensor.stepConstant(Transforms.sign(x.value(), true));
  }

  public static Tensor square(Tensor x) {
    INDArray y = x.value().mul(x.value());
    return Tensor.result("square", y, g -> x.accumulate(x.value().mul(2.0).muli(g), true), x);
  }

  public static Tensor sqrt(Tensor x) {
    INDArray y = Transforms.sqrt(x.value(), true);
    return Tensor.result("sqrt", y, g -> x.accumulate(g.mul(0.5).divi(y), true), x);
  }

  public static Tensor pow(Tensor x, double p) {
    INDArray y = Transforms.pow(x.value(), p, true);
    return Tensor.result("pow", y,
        g -> x.accumulate(Transforms.pow(x.value(), p - 1, true).muli(g).muli(p), true), x);
  }

  public static Tensor tanh(Tensor x) {
    INDArray y = DenseFloats.applies(x.value())
        ? inPlace(x.value(), (math, in, out, lo, hi) -> math.tanh(in, out, lo, hi))
        : Transforms.tanh(x.value(), true);
    return Tensor.result("tanh", y, g -> x.accumulate(DenseFloats.applies(y, g)
        ? inPlace(y, g, (math, ys, gs, out, lo, hi) -> math.tanhGradient(ys, gs, out, lo, hi))
        : y.mul(y).rsubi(1.0).muli(g), true), x);
  }

  public static Tensor sigmoid(Tensor x) {
    INDArray y = DenseFloats.applies(x.value())
        ? elementWise(x.value(), (math, in, out, n) -> math.sigmoid(in, out, n))
        : Transforms.sigmoid(x.value(), true);
    return Tensor.result("sigmoid", y, g -> x.accumulate(DenseFloats.applies(y, g)
        ? fromOutput(y, g, (ys, gs, out, n) -> {
          for (int i = 0; i < n; i++) {
            out[i] = gs[i] * (ys[i] * (1f - ys[i]));
          }
        })
        : y.rsub(1.0).muli(y).muli(g), true), x);
  }

  /**
   * softplus(x) = log(1 + e^x), computed as max(x, 0) + log1p(e^-|x|) because ND4J's own
   * softplus overflows to infinity for large x (see ND4JBehaviourTest).
   */
  public static Tensor softplus(Tensor x) {
    INDArray y = stableSoftplus(x.value());
    return Tensor.result("softplus", y, g -> x.accumulate(sigmoidTimes(x.value(), g), true), x);
  }

  /** log sigmoid(x) = -softplus(-x); derivative sigmoid(-x). */
  public static Tensor logSigmoid(Tensor x) {
    INDArray negX = StepScope.adopt(x.value().neg()); // the backward pass needs it
    INDArray y = stableSoftplus(negX).negi();
    return Tensor.result("logSigmoid", y, g -> x.accumulate(sigmoidTimes(negX, g), true), x);
  }

  /** {@code g * sigmoid(x)} in a new array: the derivative of softplus at x times g. */
  private static INDArray sigmoidTimes(INDArray x, INDArray g) {
    if (DenseFloats.applies(x, g)) {
      return inPlace(x, g, (math, xs, gs, out, lo, hi) -> math.sigmoidTimes(xs, gs, out, lo, hi));
    }
    return Transforms.sigmoid(x, true).muli(g);
  }

  /** One of {@link ElementWiseMath}'s functions of one heap array. */
  @FunctionalInterface
  private interface ArrayFunction {
    void apply(ElementWiseMath math, float[] in, float[] out, int n);
  }

  /** A gradient from an operation's output and the gradient of its output, per chunk. */
  @FunctionalInterface
  private interface OutputGradient {
    void apply(float[] y, float[] g, float[] out, int n);
  }

  /** The input's gradient of an element-wise operation, from its output y (one pass). */
  private static INDArray fromOutput(INDArray y, INDArray g, OutputGradient f) {
    INDArray out = Nd4j.createUninitialized(y.dataType(), y.shape());
    HeapChunks chunks = new HeapChunks(new INDArray[] {y, g}, new INDArray[] {out});
    KernelThreads.byRanges(Work.COMPUTE, y.length(), HeapChunks.CHUNK,
        chunks.each((lo, n, c) -> f.apply(c[0], c[1], c[2], n)));
    return out;
  }

  /** One of {@link ElementWiseMath}'s functions of one native buffer, over [lo, hi). */
  @FunctionalInterface
  private interface BufferFunction {
    void apply(ElementWiseMath math, ByteBuffer in, ByteBuffer out, int lo, int hi);
  }

  /** One of {@link ElementWiseMath}'s functions of two native buffers, over [lo, hi). */
  @FunctionalInterface
  private interface BufferFunction2 {
    void apply(ElementWiseMath math, ByteBuffer a, ByteBuffer b, ByteBuffer out, int lo, int hi);
  }

  /**
   * f(x) into a new array, computed over the arrays' memory in place (no copies through the
   * heap) and split among the kernel threads as arithmetic-bound work (x dense floats).
   */
  private static INDArray inPlace(INDArray x, BufferFunction f) {
    INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
    ByteBuffer in = DenseFloats.bytes(x);
    ByteBuffer out = DenseFloats.bytes(y);
    ElementWiseMath math = ElementWiseMath.get();
    KernelThreads.byRanges(Work.COMPUTE, x.length(), (lo, hi) -> f.apply(math, in, out, lo, hi));
    return y;
  }

  /** f(a, b) into a new array, as {@link #inPlace(INDArray, BufferFunction)}. */
  private static INDArray inPlace(INDArray a, INDArray b, BufferFunction2 f) {
    INDArray y = Nd4j.createUninitialized(a.dataType(), a.shape());
    ByteBuffer ab = DenseFloats.bytes(a);
    ByteBuffer bb = DenseFloats.bytes(b);
    ByteBuffer out = DenseFloats.bytes(y);
    ElementWiseMath math = ElementWiseMath.get();
    KernelThreads.byRanges(Work.COMPUTE, a.length(),
        (lo, hi) -> f.apply(math, ab, bb, out, lo, hi));
    return y;
  }

  /** f(x) into a new array, by a heap-array function over x's chunks (x dense floats). */
  private static INDArray elementWise(INDArray x, ArrayFunction f) {
    INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
    ElementWiseMath math = ElementWiseMath.get();
    HeapChunks chunks = new HeapChunks(new INDArray[] {x}, new INDArray[] {y});
    KernelThreads.byRanges(Work.COMPUTE, x.length(), HeapChunks.CHUNK,
        chunks.each((lo, n, c) -> f.apply(math, c[0], c[1], n)));
    return y;
  }

  /** softplus of an array, stable at both ends, into a new array (also for losses). */
  public static INDArray stableSoftplus(INDArray x) {
    if (DenseFloats.applies(x)) {
      return inPlace(x, (math, in, out, lo, hi) -> math.softplus(in, out, lo, hi));
    }
    if (x.length() > 0 && x.amaxNumber().doubleValue() < 15) {
      // ND4J's one-pass softplus is exact enough for |x| < 15: above, exp overflows; below −15
      // 1 + exp(x) rounds to 1 in float and softplus came out 0 instead of exp(x) (a guide scale
      // of 0 for ρ = −60); both ends take the stable form
      return Transforms.softPlus(x, true);
    }
    INDArray e = Transforms.abs(x, true).negi();
    Transforms.exp(e, false);
    Transforms.log1p(e, false);
    return e.addi(Transforms.relu(x, true));
  }

  public static Tensor relu(Tensor x) {
    INDArray y = Transforms.relu(x.value(), true);
    return Tensor.result("relu", y,
        g -> x.accumulate(Memory.castFreeing(x.value().gt(0.0), g.dataType()).muli(g), true), x);
  }

  /** Clamps to [lo, hi]; the gradient passes only where the input is strictly inside. */
  public static Tensor clamp(Tensor x, double lo, double hi) {
    if (!(lo <= hi)) {
      throw new IllegalArgumentException("clamp: lower bound " + lo + " > upper bound " + hi);
    }
    INDArray y = Transforms.min(Transforms.max(x.value(), lo, true), hi, false);
    return Tensor.result("clamp", y, g -> {
      INDArray inside = Memory.castFreeing(x.value().gt(lo), g.dataType());
      INDArray belowHi = Memory.castFreeing(x.value().lt(hi), g.dataType());
      inside.muli(belowHi);
      Memory.release(belowHi);
      x.accumulate(inside.muli(g), true);
    }, x);
  }
}
