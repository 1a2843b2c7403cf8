package org.pmm.tensor.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.kernels.KernelThreads.Work;

/**
 * The Laplace distribution's array work: standard draws from uniform ones
 * ({@link #laplaceFromUniform}), with the reparameterised sample in the same pass
 * ({@link #reparameterise}), and Σ log Laplace(x | loc, scale) and its gradients in one pass
 * each over float arrays ({@link #logDensitySum}, {@link #gradients}), where loc and scale are
 * arrays of x's shape or one-element arrays. The density needs no logarithm per element:
 * Σ log scale is taken from the scales' binary exponents plus one logarithm per block of products
 * of their mantissas ({@link SumMath#sumOfLogs}). Partial sums are kept per
 * {@link HeapChunks#CHUNK} and added in chunk order, so the result does not depend on how the
 * chunks were shared among threads.
 *
 * <pre>{@code
 * if (LaplaceMath.applies(x, loc, scale)) {
 *   double logDensity = LaplaceMath.logDensitySum(x, loc, scale);
 *   LaplaceMath.Gradients d = LaplaceMath.gradients(x, loc, scale, true, false, true, 1.0);
 * }
 * }</pre>
 */
public abstract class LaplaceMath {
  private static final double LN2 = Math.log(2);

  LaplaceMath() {}

  /** The vectorised draws when the Vector API is available, else the scalar ones. */
  public static LaplaceMath get() {
    return KernelSet.LAPLACE;
  }

  /**
   * Standard Laplace draws from uniform ones, in place: {@code v = u (2h) - h} for u in [0, 1),
   * then {@code -sign(v) log1p(-2|v|)}; {@code h < 1/2} keeps the logarithm finite.
   */
  public abstract void laplaceFromUniform(float[] u, int n, float h);

  /**
   * A reparameterised sample and its noise in one pass over the floats [lo, hi) of native
   * buffers: {@code u[i]} becomes the standard draw ε = {@link #laplaceFromUniform}(u[i]) and
   * {@code w[i] = loc[i] + scale[i]·ε}, the bits of the draw followed by a multiplication and an
   * addition of their own.
   */
  public abstract void reparameterise(ByteBuffer u, ByteBuffer loc, ByteBuffer scale,
      ByteBuffer w, int lo, int hi, float h);

  /**
   * {@code out = c} where {@code x - m} has no sign bit, {@code -c} where it has: the gradient
   * {@code c · sign(x - m)} of a Laplace density with scalar parameters, exactly
   * {@code -g · copySign(1/b, x - m)} for {@code c = -g/b}.
   */
  public abstract void signedConstant(float[] x, float m, float c, float[] out, int n);

  /** Which implementation {@link #get} returns. */
  public abstract String describe();

  static float signedConstant(float x, float m, int cBits) {
    return Float.intBitsToFloat(cBits ^ (Float.floatToRawIntBits(x - m) & 0x80000000));
  }

  static float laplaceFromUniform(float u, float h) {
    float v = u * (2f * h) - h;
    float l = ElementWiseMath.log1pf(-2f * Math.abs(v));
    return v < 0 ? l : -l;
  }

  // ---------------------------------------------------------------- densities and gradients

  /** Whether the kernels take these arrays (dense floats; array parameters of x's shape). */
  public static boolean applies(INDArray x, INDArray loc, INDArray scale) {
    return DenseFloats.applies(Arrays.stream(inputs(x, loc, scale)).filter(Objects::nonNull)
        .toArray(INDArray[]::new));
  }

  /** x, loc and scale as read by the chunks: null for a scalar (filled per chunk). */
  private static INDArray[] inputs(INDArray x, INDArray loc, INDArray scale) {
    return new INDArray[] {x, loc.length() == 1 ? null : loc, scale.length() == 1 ? null : scale};
  }

  /** Fills the slots of scalar parameters with their value. */
  private static void fillScalars(float[][] c, int n, boolean locArray, float m0,
      boolean scaleArray, float b) {
    if (!locArray) {
      Arrays.fill(c[1], 0, n, m0);
    }
    if (!scaleArray) {
      Arrays.fill(c[2], 0, n, b);
    }
  }

  /** Σ log Laplace(x | loc, scale). */
  public static double logDensitySum(INDArray x, INDArray loc, INDArray scale) {
    long length = x.length();
    boolean locArray = loc.length() != 1;
    boolean scaleArray = scale.length() != 1;
    float m0 = loc.getFloat(0);
    float b = scale.getFloat(0);
    SumMath sums = SumMath.get();
    if (!locArray && !scaleArray) {   // a prior: Σ|x − m| / b, no division per element
      ByteBuffer xs = DenseFloats.bytes(x);
      return -SumMath.byChunks(length, (lo, hi) -> sums.sumOfDistances(xs, lo, hi, m0) / b)
          - length * Math.log(2.0 * b);
    }
    int chunks = HeapChunks.count(length);
    double[] standardised = new double[chunks];
    double[] logScale = new double[chunks];
    ByteBuffer scales = scaleArray ? DenseFloats.bytes(scale) : null;
    HeapChunks heap = new HeapChunks(inputs(x, loc, scale), new INDArray[0]);
    KernelThreads.byRanges(Work.COMPUTE, length, HeapChunks.CHUNK, heap.each((lo, n, c) -> {
      int chunk = HeapChunks.index(lo);
      fillScalars(c, n, locArray, m0, scaleArray, b);
      standardised[chunk] = sumOfStandardised(c[0], c[1], c[2], n);
      if (scaleArray) {
        logScale[chunk] = sums.sumOfLogs(scales, (int) lo, (int) lo + n);
      }
    }));
    double total = 0;
    for (int k = 0; k < chunks; k++) {
      total -= standardised[k] + logScale[k];
    }
    double logTwoScale = scaleArray ? length * LN2 : length * Math.log(2.0 * b);
    return total - logTwoScale;
  }

  /** Whether {@link #reparamLogDensitySum} takes these arrays (dense floats). */
  public static boolean appliesReparam(INDArray eps, INDArray scale) {
    return scale.length() == 1 ? DenseFloats.applies(eps) : DenseFloats.applies(eps, scale);
  }

  /** −Σ|ε| − Σ log(2·scale): the density of loc + scale·ε, in one pass over ε and scale. */
  public static double reparamLogDensitySum(INDArray eps, INDArray scale) {
    long length = eps.length();
    boolean scaleArray = scale.length() != 1;
    SumMath sums = SumMath.get();
    ByteBuffer es = DenseFloats.bytes(eps);
    ByteBuffer ss = scaleArray ? DenseFloats.bytes(scale) : null;
    double sum = SumMath.byChunks(length, (lo, hi) -> scaleArray
        ? sums.sumOfDistances(es, lo, hi, 0f) + sums.sumOfLogs(ss, lo, hi)
        : sums.sumOfDistances(es, lo, hi, 0f));
    double logTwoScale = scaleArray ? length * LN2 : length * Math.log(2.0 * scale.getFloat(0));
    return -sum - logTwoScale;
  }

  /** −up/scale per element of an array scale: the gradient of {@link #reparamLogDensitySum}. */
  public static INDArray reparamScaleGradient(INDArray scale, double up) {
    INDArray ds = Nd4j.createUninitialized(scale.dataType(), scale.shape());
    float g = (float) up;
    HeapChunks heap = new HeapChunks(new INDArray[] {scale}, new INDArray[] {ds});
    KernelThreads.byRanges(Work.COMPUTE, scale.length(), HeapChunks.CHUNK,
        heap.each((lo, n, c) -> {
          float[] ss = c[0];
          float[] gs = c[1];
          for (int i = 0; i < n; i++) {
            gs[i] = -g / ss[i];
          }
        }));
    return ds;
  }

  /**
   * The gradients {@link #gradients} computed: arrays of x's shape where asked for (else null),
   * and the sums of a one-element loc's or scale's gradient over all elements.
   */
  public record Gradients(INDArray dx, INDArray dloc, INDArray dscale, double locSum,
      double scaleSum) {}

  /**
   * Gradients of {@code up · Σ log Laplace(x | loc, scale)} for the operands that need one
   * ({@code wantX}, {@code wantLoc}, {@code wantScale}): d/dx = −up·sign(x − loc)/scale,
   * d/dloc = −d/dx, d/dscale = up·(|x − loc|/scale − 1)/scale; summed over all elements for a
   * one-element loc or scale.
   */
  public static Gradients gradients(INDArray x, INDArray loc, INDArray scale, boolean wantX,
      boolean wantLoc, boolean wantScale, double up) {
    long length = x.length();
    boolean locArray = loc.length() != 1;
    boolean scaleArray = scale.length() != 1;
    float m0 = loc.getFloat(0);
    float b = scale.getFloat(0);
    INDArray dx = wantX ? like(x) : null;
    INDArray dloc = wantLoc && locArray ? like(x) : null;
    INDArray dscale = wantScale && scaleArray ? like(x) : null;
    boolean sumLoc = wantLoc && !locArray;
    boolean sumScale = wantScale && !scaleArray;
    int chunks = HeapChunks.count(length);
    double[] locSums = new double[chunks];
    double[] scaleSums = new double[chunks];
    float g = (float) up;
    if (!locArray && !scaleArray && !wantLoc && !wantScale) {
      if (dx != null) {   // a prior's: −up·sign(x − m)/b
        float constant = -g * (1f / b);
        LaplaceMath math = get();
        HeapChunks heap = new HeapChunks(new INDArray[] {x}, new INDArray[] {dx});
        KernelThreads.byRanges(Work.COMPUTE, length, HeapChunks.CHUNK,
            heap.each((lo, n, c) -> math.signedConstant(c[0], m0, constant, c[1], n)));
      }
      return new Gradients(dx, null, null, 0, 0);
    }
    HeapChunks heap = new HeapChunks(inputs(x, loc, scale), new INDArray[] {dx, dloc, dscale});
    KernelThreads.byRanges(Work.COMPUTE, length, HeapChunks.CHUNK, heap.each((lo, n, c) -> {
      fillScalars(c, n, locArray, m0, scaleArray, b);
      float[] xs = c[0];
      float[] ms = c[1];
      float[] ss = c[2];
      float[] gx = c[3];
      float[] gl = c[4];
      float[] gs = c[5];
      for (int i = 0; i < n; i++) {
        float d = xs[i] - ms[i];
        float inv = 1f / ss[i];
        // copySign, not signum: a sign-bit copy without signum's branches; at x = loc exactly
        // it takes a subgradient of ±1/scale instead of 0 (a measure-zero event for sampled
        // weights)
        float dxi = -g * Math.copySign(inv, d);
        gx[i] = dxi;
        gl[i] = -dxi;
        gs[i] = g * (Math.abs(d) * inv - 1f) * inv;
      }
      int chunk = HeapChunks.index(lo);
      if (sumLoc) {
        locSums[chunk] = sum(gl, n);
      }
      if (sumScale) {
        scaleSums[chunk] = sum(gs, n);
      }
    }));
    return new Gradients(dx, dloc, dscale, sum(locSums, chunks), sum(scaleSums, chunks));
  }

  private static INDArray like(INDArray x) {
    return Nd4j.createUninitialized(x.dataType(), x.shape());
  }

  // The sums below keep four independent partial sums (or products): one running sum would make
  // every addition wait for the previous one, so the additions, not the loads, would bound the
  // loop.

  /** Σ |x[i] − m[i]| / s[i]. */
  private static double sumOfStandardised(float[] xs, float[] ms, float[] ss, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += Math.abs(xs[i] - ms[i]) / ss[i];
      s1 += Math.abs(xs[i + 1] - ms[i + 1]) / ss[i + 1];
      s2 += Math.abs(xs[i + 2] - ms[i + 2]) / ss[i + 2];
      s3 += Math.abs(xs[i + 3] - ms[i + 3]) / ss[i + 3];
    }
    for (; i < n; i++) {
      s0 += Math.abs(xs[i] - ms[i]) / ss[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  private static double sum(float[] values, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += values[i];
    }
    return s;
  }

  private static double sum(double[] partials, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += partials[i];
    }
    return s;
  }


  /** The draws one element at a time; also the tails of {@link Vectorised}'s loops. */
  public static class Scalar extends LaplaceMath {
    @Override
    public String describe() {
      return "scalar";
    }

    @Override
    public void laplaceFromUniform(float[] u, int n, float h) {
      for (int i = 0; i < n; i++) {
        u[i] = laplaceFromUniform(u[i], h);
      }
    }

    @Override
    public void reparameterise(ByteBuffer u, ByteBuffer loc, ByteBuffer scale, ByteBuffer w,
        int lo, int hi, float h) {
      for (int i = lo; i < hi; i++) {
        float eps = laplaceFromUniform(u.getFloat(4 * i), h);
        u.putFloat(4 * i, eps);
        w.putFloat(4 * i, loc.getFloat(4 * i) + scale.getFloat(4 * i) * eps);
      }
    }

    @Override
    public void signedConstant(float[] x, float m, float c, float[] out, int n) {
      int bits = Float.floatToRawIntBits(c);
      for (int i = 0; i < n; i++) {
        out[i] = signedConstant(x[i], m, bits);
      }
    }
  }

  /** The draws with the JDK's Vector API; loaded only when the module is in the JVM. */
  public static final class Vectorised extends Scalar {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private Vectorised() {}

    /** A new instance, its kernels run once (see {@link ElementWiseMath.Vectorised#create}). */
    public static Vectorised create() {
      Vectorised math = new Vectorised();
      int n = 4 * F.length() + 3;
      float[] x = VectorApi.mixed(n, F.length());
      math.signedConstant(x, 0.5f, -2f, new float[n], n);
      float[] u = new float[n];
      for (int i = 0; i < n; i++) {
        u[i] = i / (float) n;
      }
      math.laplaceFromUniform(u, n, 0.4999f);
      for (int i = 0; i < n; i++) {
        u[i] = i / (float) n;
      }
      ByteBuffer xs = VectorApi.direct(x);
      math.reparameterise(VectorApi.direct(u), xs, xs, VectorApi.direct(new float[n]), 0, n,
          0.4999f);
      return math;
    }

    @Override
    public String describe() {
      return "vector (" + F.length() + " floats)";
    }

    @Override
    public void laplaceFromUniform(float[] u, int n, float h) {
      int i = 0;
      for (int end = F.loopBound(n); i < end; i += F.length()) {
        FloatVector v = FloatVector.fromArray(F, u, i).mul(2f * h).sub(h);
        FloatVector l = ElementWiseMath.Vectorised.log1p(v.abs().mul(-2f));
        l.neg().blend(l, v.compare(VectorOperators.LT, 0f)).intoArray(u, i);
      }
      for (; i < n; i++) {
        u[i] = laplaceFromUniform(u[i], h);
      }
    }

    @Override
    public void reparameterise(ByteBuffer u, ByteBuffer loc, ByteBuffer scale, ByteBuffer w,
        int lo, int hi, float h) {
      int i = lo;
      for (int end = lo + F.loopBound(hi - lo); i < end; i += F.length()) {
        FloatVector v = FloatVector.fromByteBuffer(F, u, 4 * i, ORDER).mul(2f * h).sub(h);
        FloatVector l = ElementWiseMath.Vectorised.log1p(v.abs().mul(-2f));
        FloatVector eps = l.neg().blend(l, v.compare(VectorOperators.LT, 0f));
        eps.intoByteBuffer(u, 4 * i, ORDER);
        FloatVector.fromByteBuffer(F, loc, 4 * i, ORDER)
            .add(FloatVector.fromByteBuffer(F, scale, 4 * i, ORDER).mul(eps))
            .intoByteBuffer(w, 4 * i, ORDER);
      }
      super.reparameterise(u, loc, scale, w, i, hi, h);
    }

    @Override
    public void signedConstant(float[] x, float m, float c, float[] out, int n) {
      int bits = Float.floatToRawIntBits(c);
      int i = 0;
      for (int end = F.loopBound(n); i < end; i += F.length()) {
        IntVector sign = FloatVector.fromArray(F, x, i).sub(m).reinterpretAsInts()
            .and(0x80000000);
        sign.lanewise(VectorOperators.XOR, bits).reinterpretAsFloats().intoArray(out, i);
      }
      for (; i < n; i++) {
        out[i] = signedConstant(x[i], m, bits);
      }
    }
  }
}
