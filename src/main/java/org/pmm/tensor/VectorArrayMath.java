package org.pmm.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ArrayMath} with the JDK's Vector API: the widest float vectors of the CPU (16 lanes
 * with AVX-512, 8 with AVX2), exp and log1p as {@link ArrayMath} computes them. Only this class
 * refers to {@code jdk.incubator.vector}; {@link ArrayMath} loads it only when that module is
 * in the JVM.
 */
final class VectorArrayMath extends ScalarArrayMath {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
  private static final ByteOrder ORDER = ByteOrder.nativeOrder();

  private VectorArrayMath() {}

  static ArrayMath create() {
    VectorArrayMath math = new VectorArrayMath();
    math.touchEveryPath();
    return math;
  }

  /**
   * Runs every kernel once on a few vectors whose lanes take every path (within and beyond the
   * polynomials' range, both branches of each blend), so that the JDK's vector, mask and
   * shuffle classes these kernels use are loaded and initialised before the JIT compiles any of
   * them. Without it, most processes ran some kernels in code that allocates every vector on
   * the heap for the whole run (PM+MO bench: 199 to 2,476 MB of Java heap per step, softplus
   * two to twelve times slower); with it, none of ten did (docs/performance.md, seventh
   * session). The likely cause: the Vector API's intrinsics give up on a class the optimising
   * compiler finds not yet initialised, and that compiled code stays.
   */
  private void touchEveryPath() {
    int n = 4 * F.length() + 3;
    float[] x = new float[n];
    float[] g = new float[n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (i % 7 - 3) * (i < 2 * F.length() ? 0.4f : 40f) + (i == n - 1 ? Float.NaN : 0f);
      g[i] = 1f - i * 0.01f;
    }
    sigmoid(x, y, n);
    signedConstant(x, 0.5f, -2f, y, n);
    float[] u = new float[n];
    for (int i = 0; i < n; i++) {
      u[i] = i / (float) n;
    }
    laplaceFromUniform(u, n, 0.4999f);
    ByteBuffer b = ByteBuffer.allocateDirect(4 * n).order(ORDER);
    b.asFloatBuffer().put(x);
    ByteBuffer gb = ByteBuffer.allocateDirect(4 * n).order(ORDER);
    gb.asFloatBuffer().put(g);
    ByteBuffer yb = ByteBuffer.allocateDirect(4 * n).order(ORDER);
    softplus(b, yb, 0, n);
    tanh(b, yb, 0, n);
    tanhGradient(b, gb, yb, 1, n);
    sigmoidTimes(b, gb, yb, 1, n);
    maxMagnitudeBits(b, 0, n);
    minMaxBits(b, 1, n, new int[2]);
    ByteBuffer m = ByteBuffer.allocateDirect(4 * n).order(ORDER);
    ByteBuffer v = ByteBuffer.allocateDirect(4 * n).order(ORDER);
    ByteBuffer p = ByteBuffer.allocateDirect(4 * n).order(ORDER);
    adam(p, b, m, v, 1, n, new AdamStep(0.9f, 0.999f, 1e-3f, 1e-8f, 1f, 1f));
    addScaled(b, 2f, m, false, 1, n);
    addScaled(b, 2f, m, true, 1, n);
    addProduct(b, p, m, false, 1, n);
    addProduct(b, p, m, true, 1, n);
    addColumns(b, n, 0, m, n - 1, false, 0, 1);
    addColumns(b, n, 1, m, n - 1, true, 0, 1);
    addRow(b, m, n - 1, 0, 1);
    addRowsInto(b, n, 1, 0, new float[n - 1]);
    float[] k = java.util.Arrays.copyOf(g, n - 1);
    float[] s1 = new float[n - 1];
    float[] s2 = new float[n - 1];
    shiftedSums(b, n, 0, 1, 0, k, s1, s2);
    normalise(b, m, n, 0, 1, g, x, g);
    normalisedGradientSums(gb, b, n, 0, 1, 0, k, k, s1, s2);
    normalisedInputGradient(gb, b, m, n, 0, 1, 2f, g, g, x, g, x);
    dropout(gb, 0.5f, 2f, b, m, 1, n);
  }

  @Override
  String describe() {
    return "vector (" + F.length() + " floats)";
  }

  @Override
  void softplus(ByteBuffer x, ByteBuffer y, int lo, int hi) {
    int i = lo;
    for (int end = lo + F.loopBound(hi - lo); i < end; i += F.length()) {
      FloatVector v = FloatVector.fromByteBuffer(F, x, 4 * i, ORDER);
      if (!withinExpRange(v)) {
        super.softplus(x, y, i, i + F.length());
        continue;
      }
      v.max(0f).add(log1p(exp(v.abs().neg()))).intoByteBuffer(y, 4 * i, ORDER);
    }
    super.softplus(x, y, i, hi);
  }

  @Override
  void sigmoidTimes(ByteBuffer x, ByteBuffer g, ByteBuffer out, int lo, int hi) {
    int i = lo;
    for (int end = lo + F.loopBound(hi - lo); i < end; i += F.length()) {
      FloatVector v = FloatVector.fromByteBuffer(F, x, 4 * i, ORDER);
      if (!withinExpRange(v)) {
        super.sigmoidTimes(x, g, out, i, i + F.length());
        continue;
      }
      FloatVector.fromByteBuffer(F, g, 4 * i, ORDER).div(exp(v.neg()).add(1f))
          .intoByteBuffer(out, 4 * i, ORDER);
    }
    super.sigmoidTimes(x, g, out, i, hi);
  }

  @Override
  void tanh(ByteBuffer x, ByteBuffer y, int lo, int hi) {
    int i = lo;
    for (int end = lo + F.loopBound(hi - lo); i < end; i += F.length()) {
      FloatVector v = FloatVector.fromByteBuffer(F, x, 4 * i, ORDER);
      FloatVector z = v.abs();
      FloatVector e = exp(z.add(z).min(EXP_RANGE));
      FloatVector large = FloatVector.broadcast(F, 1f)
          .sub(FloatVector.broadcast(F, 2f).div(e.add(1f)));
      FloatVector s = v.mul(v);
      FloatVector p = s.mul(T0).add(T1);
      p = p.mul(s).add(T2);
      p = p.mul(s).add(T3);
      p = p.mul(s).add(T4);
      FloatVector small = p.mul(s).mul(v).add(v);
      FloatVector signed = large.blend(large.neg(), v.compare(VectorOperators.LT, 0f));
      small.blend(signed, z.compare(VectorOperators.GT, TANH_SMALL))
          .intoByteBuffer(y, 4 * i, ORDER);
    }
    super.tanh(x, y, i, hi);
  }

  @Override
  void tanhGradient(ByteBuffer y, ByteBuffer g, ByteBuffer out, int lo, int hi) {
    int i = lo;
    for (int end = lo + F.loopBound(hi - lo); i < end; i += F.length()) {
      FloatVector yi = FloatVector.fromByteBuffer(F, y, 4 * i, ORDER);
      FloatVector.fromByteBuffer(F, g, 4 * i, ORDER)
          .mul(FloatVector.broadcast(F, 1f).sub(yi.mul(yi))).intoByteBuffer(out, 4 * i, ORDER);
    }
    super.tanhGradient(y, g, out, i, hi);
  }

  @Override
  void sigmoid(float[] x, float[] y, int n) {
    int i = 0;
    for (int end = F.loopBound(n); i < end; i += F.length()) {
      FloatVector v = FloatVector.fromArray(F, x, i);
      if (!withinExpRange(v)) {
        for (int k = i; k < i + F.length(); k++) {
          y[k] = sigmoid(x[k]);
        }
        continue;
      }
      FloatVector.broadcast(F, 1f).div(exp(v.neg()).add(1f)).intoArray(y, i);
    }
    for (; i < n; i++) {
      y[i] = sigmoid(x[i]);
    }
  }

  @Override
  void laplaceFromUniform(float[] u, int n, float h) {
    int i = 0;
    for (int end = F.loopBound(n); i < end; i += F.length()) {
      FloatVector v = FloatVector.fromArray(F, u, i).mul(2f * h).sub(h);
      FloatVector l = log1p(v.abs().mul(-2f));
      l.neg().blend(l, v.compare(VectorOperators.LT, 0f)).intoArray(u, i);
    }
    for (; i < n; i++) {
      u[i] = laplaceFromUniform(u[i], h);
    }
  }

  /**
   * Whether every lane lies within {@link ArrayMath#EXP_RANGE} of 0 (NaN does not): the vector
   * loops send a block with a lane outside to the scalar forms, which handle it exactly.
   */
  private static boolean withinExpRange(FloatVector v) {
    return v.abs().compare(VectorOperators.LE, EXP_RANGE).allTrue();
  }

  /** {@link ArrayMath#expf}, lane by lane, for |x| ≤ {@link ArrayMath#EXP_RANGE}. */
  private static FloatVector exp(FloatVector x) {
    FloatVector t = x.mul(LOG2E).add(ROUNDER);
    FloatVector k = t.sub(ROUNDER);
    IntVector ki = t.reinterpretAsInts().sub(Float.floatToRawIntBits(ROUNDER));
    FloatVector negK = k.neg();
    FloatVector r = negK.fma(FloatVector.broadcast(F, LN2_HI), x);
    r = negK.fma(FloatVector.broadcast(F, LN2_LO), r);
    FloatVector p = r.mul(E0).add(E1);
    p = p.mul(r).add(E2);
    p = p.mul(r).add(E3);
    p = p.mul(r).add(E4);
    p = p.mul(r).add(E5);
    FloatVector y = p.mul(r.mul(r)).add(r).add(1f);
    FloatVector scale = ki.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    return y.mul(scale);
  }

  /** {@link ArrayMath#log1pf}, lane by lane. */
  private static FloatVector log1p(FloatVector t) {
    FloatVector u = t.add(1f);
    FloatVector correction = t.sub(u.sub(1f)).div(u);
    IntVector bits = u.reinterpretAsInts();
    IntVector e = bits.lanewise(VectorOperators.LSHR, 23).sub(126);
    FloatVector m = bits.and(0x007fffff).or(0x3f000000).reinterpretAsFloats();
    VectorMask<Float> small = m.compare(VectorOperators.LT, SQRT_HALF);
    // e as a float by the rounding constant's bits rather than convert(I2F), and e − 1 by a
    // blend rather than a mask cast and masked subtraction: with JDK 17 on AVX-512, those
    // two were not compiled to vector instructions and boxed every vector (a JFR allocation
    // profile of the PM+MO bench showed 8 GB of float arrays from log1p in 24 steps)
    FloatVector fe0 = e.add(Float.floatToRawIntBits(ROUNDER)).reinterpretAsFloats().sub(ROUNDER);
    FloatVector fe = fe0.blend(fe0.sub(1f), small);
    FloatVector x = m.sub(1f).blend(m.add(m).sub(1f), small);
    FloatVector z = x.mul(x);
    FloatVector q = x.mul(L0).add(L1);
    q = q.mul(x).add(L2);
    q = q.mul(x).add(L3);
    q = q.mul(x).add(L4);
    q = q.mul(x).add(L5);
    q = q.mul(x).add(L6);
    q = q.mul(x).add(L7);
    q = q.mul(x).add(L8);
    FloatVector y = q.mul(x).mul(z).add(fe.mul(LN2_LO)).sub(z.mul(0.5f));
    return x.add(y).add(fe.mul(LN2_HI)).add(correction);
  }

  @Override
  void signedConstant(float[] x, float m, float c, float[] out, int n) {
    int bits = Float.floatToRawIntBits(c);
    int i = 0;
    for (int end = F.loopBound(n); i < end; i += F.length()) {
      IntVector sign = FloatVector.fromArray(F, x, i).sub(m).reinterpretAsInts().and(0x80000000);
      sign.lanewise(VectorOperators.XOR, bits).reinterpretAsFloats().intoArray(out, i);
    }
    for (; i < n; i++) {
      out[i] = signedConstant(x[i], m, bits);
    }
  }

  @Override
  int maxMagnitudeBits(ByteBuffer x, int lo, int hi) {
    IntVector max = IntVector.zero(I);
    int i = lo;
    for (int end = lo + F.loopBound(hi - lo); i < end; i += F.length()) {
      IntVector bits = IntVector.fromByteBuffer(I, x, 4 * i, ORDER);
      max = max.max(bits.and(0x7fffffff));
    }
    return Math.max(max.reduceLanes(VectorOperators.MAX), super.maxMagnitudeBits(x, i, hi));
  }

  @Override
  void minMaxBits(ByteBuffer x, int lo, int hi, int[] minMax) {
    IntVector min = IntVector.broadcast(I, Integer.MAX_VALUE);
    IntVector max = IntVector.broadcast(I, Integer.MIN_VALUE);
    int i = lo;
    for (int end = lo + F.loopBound(hi - lo); i < end; i += F.length()) {
      IntVector bits = IntVector.fromByteBuffer(I, x, 4 * i, ORDER);
      min = min.min(bits);
      max = max.max(bits);
    }
    super.minMaxBits(x, i, hi, minMax);   // the tail: MAX_VALUE, MIN_VALUE when empty
    minMax[0] = Math.min(minMax[0], min.reduceLanes(VectorOperators.MIN));
    minMax[1] = Math.max(minMax[1], max.reduceLanes(VectorOperators.MAX));
  }

  @Override
  void adam(ByteBuffer p, ByteBuffer g, ByteBuffer m, ByteBuffer v, int lo, int hi,
      AdamStep s) {
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

  @Override
  void addScaled(ByteBuffer x, float c, ByteBuffer out, boolean accumulate, int lo, int hi) {
    int i = lo;
    for (int end = lo + F.loopBound(hi - lo); i < end; i += F.length()) {
      FloatVector scaled = FloatVector.fromByteBuffer(F, x, 4 * i, ORDER).mul(c);
      (accumulate ? FloatVector.fromByteBuffer(F, out, 4 * i, ORDER).add(scaled) : scaled)
          .intoByteBuffer(out, 4 * i, ORDER);
    }
    super.addScaled(x, c, out, accumulate, i, hi);
  }

  @Override
  void addProduct(ByteBuffer a, ByteBuffer b, ByteBuffer out, boolean accumulate, int lo,
      int hi) {
    int i = lo;
    for (int end = lo + F.loopBound(hi - lo); i < end; i += F.length()) {
      FloatVector product = FloatVector.fromByteBuffer(F, a, 4 * i, ORDER)
          .mul(FloatVector.fromByteBuffer(F, b, 4 * i, ORDER));
      (accumulate ? FloatVector.fromByteBuffer(F, out, 4 * i, ORDER).add(product) : product)
          .intoByteBuffer(out, 4 * i, ORDER);
    }
    super.addProduct(a, b, out, accumulate, i, hi);
  }

  @Override
  void addColumns(ByteBuffer g, int gCols, int offset, ByteBuffer out, int cols,
      boolean accumulate, int rowLo, int rowHi) {
    int vectors = F.loopBound(cols);
    for (int r = rowLo; r < rowHi; r++) {
      int from = 4 * (r * gCols + offset);
      int to = 4 * (r * cols);
      int j = 0;
      for (; j < vectors; j += F.length()) {
        FloatVector v = FloatVector.fromByteBuffer(F, g, from + 4 * j, ORDER);
        (accumulate ? FloatVector.fromByteBuffer(F, out, to + 4 * j, ORDER).add(v) : v)
            .intoByteBuffer(out, to + 4 * j, ORDER);
      }
      for (; j < cols; j++) {
        float v = g.getFloat(from + 4 * j);
        out.putFloat(to + 4 * j, accumulate ? out.getFloat(to + 4 * j) + v : v);
      }
    }
  }

  @Override
  void addRow(ByteBuffer row, ByteBuffer out, int cols, int rowLo, int rowHi) {
    int vectors = F.loopBound(cols);
    for (int r = rowLo; r < rowHi; r++) {
      int at = 4 * r * cols;
      for (int j = 0; j < vectors; j += F.length()) {
        FloatVector.fromByteBuffer(F, out, at + 4 * j, ORDER)
            .add(FloatVector.fromByteBuffer(F, row, 4 * j, ORDER))
            .intoByteBuffer(out, at + 4 * j, ORDER);
      }
      addRowFrom(row, out, cols, r, vectors);   // the columns after the last whole vector
    }
  }

  @Override
  void addRowsInto(ByteBuffer x, int cols, int rows, int c0, float[] acc) {
    int vectors = F.loopBound(acc.length);
    for (int r = 0; r < rows; r++) {
      int at = 4 * (r * cols + c0);
      for (int j = 0; j < vectors; j += F.length()) {
        FloatVector.fromArray(F, acc, j)
            .add(FloatVector.fromByteBuffer(F, x, at + 4 * j, ORDER))
            .intoArray(acc, j);
      }
      addRowInto(x, at, acc, vectors);   // the columns after the last whole vector
    }
  }

  @Override
  void shiftedSums(ByteBuffer x, int cols, int rowLo, int rowHi, int c0, float[] shift,
      float[] s1, float[] s2) {
    int vectors = F.loopBound(shift.length);
    for (int r = rowLo; r < rowHi; r++) {
      int at = 4 * (r * cols + c0);
      for (int j = 0; j < vectors; j += F.length()) {
        FloatVector d = FloatVector.fromByteBuffer(F, x, at + 4 * j, ORDER)
            .sub(FloatVector.fromArray(F, shift, j));
        FloatVector.fromArray(F, s1, j).add(d).intoArray(s1, j);
        FloatVector.fromArray(F, s2, j).add(d.mul(d)).intoArray(s2, j);
      }
      shiftedSumsFrom(x, at, shift, s1, s2, vectors);
    }
  }

  @Override
  void normalise(ByteBuffer x, ByteBuffer y, int cols, int rowLo, int rowHi, float[] mean,
      float[] scale, float[] offset) {
    int vectors = F.loopBound(cols);
    for (int r = rowLo; r < rowHi; r++) {
      int at = 4 * r * cols;
      for (int j = 0; j < vectors; j += F.length()) {
        FloatVector.fromByteBuffer(F, x, at + 4 * j, ORDER)
            .sub(FloatVector.fromArray(F, mean, j))
            .mul(FloatVector.fromArray(F, scale, j))
            .add(FloatVector.fromArray(F, offset, j))
            .intoByteBuffer(y, at + 4 * j, ORDER);
      }
      normaliseFrom(x, y, at, mean, scale, offset, vectors);
    }
  }

  @Override
  void normalisedGradientSums(ByteBuffer g, ByteBuffer x, int cols, int rowLo, int rowHi,
      int c0, float[] mean, float[] inv, float[] s1, float[] s2) {
    int vectors = F.loopBound(mean.length);
    for (int r = rowLo; r < rowHi; r++) {
      int at = 4 * (r * cols + c0);
      for (int j = 0; j < vectors; j += F.length()) {
        FloatVector gv = FloatVector.fromByteBuffer(F, g, at + 4 * j, ORDER);
        FloatVector xhat = FloatVector.fromByteBuffer(F, x, at + 4 * j, ORDER)
            .sub(FloatVector.fromArray(F, mean, j))
            .mul(FloatVector.fromArray(F, inv, j));
        FloatVector.fromArray(F, s1, j).add(gv).intoArray(s1, j);
        FloatVector.fromArray(F, s2, j).add(gv.mul(xhat)).intoArray(s2, j);
      }
      normalisedGradientSumsFrom(g, x, at, mean, inv, s1, s2, vectors);
    }
  }

  @Override
  void normalisedInputGradient(ByteBuffer g, ByteBuffer x, ByteBuffer dx, int cols, int rowLo,
      int rowHi, float batch, float[] mean, float[] inv, float[] c, float[] s1, float[] s2) {
    int vectors = F.loopBound(cols);
    for (int r = rowLo; r < rowHi; r++) {
      int at = 4 * r * cols;
      for (int j = 0; j < vectors; j += F.length()) {
        FloatVector xhat = FloatVector.fromByteBuffer(F, x, at + 4 * j, ORDER)
            .sub(FloatVector.fromArray(F, mean, j))
            .mul(FloatVector.fromArray(F, inv, j));
        FloatVector.fromByteBuffer(F, g, at + 4 * j, ORDER).mul(batch)
            .sub(FloatVector.fromArray(F, s1, j))
            .sub(xhat.mul(FloatVector.fromArray(F, s2, j)))
            .mul(FloatVector.fromArray(F, c, j))
            .intoByteBuffer(dx, at + 4 * j, ORDER);
      }
      normalisedInputGradientFrom(g, x, dx, at, batch, mean, inv, c, s1, s2, vectors);
    }
  }

  @Override
  void dropout(ByteBuffer u, float keep, float scale, ByteBuffer x, ByteBuffer y, int lo,
      int hi) {
    FloatVector zero = FloatVector.zero(F);
    FloatVector kept = FloatVector.broadcast(F, scale);
    int i = lo;
    for (int end = lo + F.loopBound(hi - lo); i < end; i += F.length()) {
      FloatVector draws = FloatVector.fromByteBuffer(F, u, 4 * i, ORDER);
      FloatVector mask = zero.blend(kept, draws.compare(VectorOperators.LT, keep));
      mask.intoByteBuffer(u, 4 * i, ORDER);
      FloatVector.fromByteBuffer(F, x, 4 * i, ORDER).mul(mask).intoByteBuffer(y, 4 * i, ORDER);
    }
    super.dropout(u, keep, scale, x, y, i, hi);
  }
}
