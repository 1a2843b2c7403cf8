package org.pmm.tensor.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Adam's update of a range of floats in the arrays' native memory (byte offset 4 · index), in
 * place ({@link UpdateKernels#adam} runs it). A {@link Vectorised} implementation with the
 * Vector API and a {@link Scalar} one give the same bits, as in {@link ElementWiseMath}.
 *
 * <pre>{@code
 * AdamMath.Step s = new AdamMath.Step(0.9f, 0.999f, 1e-3f, 1e-8f, 1f, 1f);
 * AdamMath.get().adam(p, g, m, v, 0, n, s);
 * }</pre>
 */
public abstract class AdamMath {
  AdamMath() {}

  /** The vectorised implementation when the Vector API is available, else the scalar one. */
  public static AdamMath get() {
    return KernelSet.ADAM;
  }

  /**
   * The constants of one Adam update: the betas and their complements, the bias-corrected step
   * size and epsilon, the gradient's clip bound and the value's decay factor.
   */
  public record Step(float beta1, float beta2, float stepSize, float epsHat, float clip,
      float decay) {
    float c1() {
      return 1 - beta1;
    }

    float c2() {
      return 1 - beta2;
    }
  }

  /**
   * Adam's update of the floats [lo, hi) of {@code p} with gradient {@code g} and moments
   * {@code m}, {@code v}, in place: see {@link #adam(float, float, float, float, Step, float[])}.
   */
  public abstract void adam(ByteBuffer p, ByteBuffer g, ByteBuffer m, ByteBuffer v, int lo,
      int hi, Step s);

  /**
   * One element of Adam's update: {@code gc = clamp(g, -clip, clip)},
   * {@code m' = β₁m + (1-β₁)gc}, {@code v' = β₂v + (1-β₂)gc·gc},
   * {@code p' = p·decay - stepSize·m' / (√v' + epsHat)}; writes m' and v' into {@code mv} and
   * returns p'.
   */
  public static float adam(float p, float g, float m, float v, Step s, float[] mv) {
    float gc = Math.max(-s.clip(), Math.min(s.clip(), g));
    float mi = s.beta1() * m + s.c1() * gc;
    float vi = s.beta2() * v + s.c2() * gc * gc;
    mv[0] = mi;
    mv[1] = vi;
    return p * s.decay() - s.stepSize() * mi / ((float) Math.sqrt(vi) + s.epsHat());
  }

  /** Which implementation this is: "vector (16 floats)" or "scalar". */
  public abstract String describe();


  /** One element at a time; also the tails of {@link Vectorised}'s loop. */
  public static class Scalar extends AdamMath {
    @Override
    public String describe() {
      return "scalar";
    }

    @Override
    public void adam(ByteBuffer p, ByteBuffer g, ByteBuffer m, ByteBuffer v, int lo, int hi,
        Step s) {
      float[] mv = new float[2];
      for (int i = lo; i < hi; i++) {
        int at = 4 * i;
        p.putFloat(at,
            adam(p.getFloat(at), g.getFloat(at), m.getFloat(at), v.getFloat(at), s, mv));
        m.putFloat(at, mv[0]);
        v.putFloat(at, mv[1]);
      }
    }
  }

  /** With the JDK's Vector API; loaded only when the module is in the JVM. */
  public static final class Vectorised extends Scalar {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private Vectorised() {}

    @Override
    public String describe() {
      return "vector (" + F.length() + " floats)";
    }

    /** A new instance, its kernel run once (see {@link ElementWiseMath.Vectorised#create}). */
    public static Vectorised create() {
      Vectorised math = new Vectorised();
      int n = 4 * F.length() + 3;
      ByteBuffer b = VectorApi.direct(VectorApi.mixed(n, F.length()));
      math.adam(VectorApi.direct(new float[n]), b, VectorApi.direct(new float[n]),
          VectorApi.direct(new float[n]), 1, n, new Step(0.9f, 0.999f, 1e-3f, 1e-8f, 1f, 1f));
      return math;
    }

    @Override
    public void adam(ByteBuffer p, ByteBuffer g, ByteBuffer m, ByteBuffer v, int lo, int hi,
        Step s) {
      FloatVector b1 = FloatVector.broadcast(F, s.beta1());
      FloatVector c1 = FloatVector.broadcast(F, s.c1());
      FloatVector b2 = FloatVector.broadcast(F, s.beta2());
      FloatVector c2 = FloatVector.broadcast(F, s.c2());
      int i = lo;
      for (int end = lo + F.loopBound(hi - lo); i < end; i += F.length()) {
        int at = 4 * i;
        FloatVector gc = FloatVector.fromByteBuffer(F, g, at, ORDER)
            .min(s.clip()).max(-s.clip());
        FloatVector mi = b1.mul(FloatVector.fromByteBuffer(F, m, at, ORDER)).add(c1.mul(gc));
        FloatVector vi = b2.mul(FloatVector.fromByteBuffer(F, v, at, ORDER))
            .add(c2.mul(gc).mul(gc));
        mi.intoByteBuffer(m, at, ORDER);
        vi.intoByteBuffer(v, at, ORDER);
        FloatVector.fromByteBuffer(F, p, at, ORDER).mul(s.decay())
            .sub(mi.mul(s.stepSize()).div(vi.sqrt().add(s.epsHat())))
            .intoByteBuffer(p, at, ORDER);
      }
      super.adam(p, g, m, v, i, hi, s);
    }
  }
}
