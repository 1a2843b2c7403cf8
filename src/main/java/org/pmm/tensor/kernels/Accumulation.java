package org.pmm.tensor.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Additions into float arrays in their native memory (byte offset 4 · index): a gradient
 * contribution written or added ({@link #addScaled}, {@link #addProduct}, {@link #addColumns}),
 * a bias row added to every row of a matrix ({@link #addRow}), and the rows of a matrix summed
 * into column sums ({@link #addRowsInto}). Each is a product then a sum, never a fused
 * multiply-add, so the results have the bits of the ND4J operations they replace. A
 * {@link Vectorised} implementation with the Vector API and a {@link Scalar} one give the same
 * bits, as in {@link ElementWiseMath}.
 *
 * <pre>{@code
 * Accumulation.get().addScaled(x, 2f, out, true, 0, n);   // out[i] += x[i]·2 for i < n
 * }</pre>
 */
public abstract class Accumulation {
  Accumulation() {}

  /** The vectorised implementation when the Vector API is available, else the scalar one. */
  public static Accumulation get() {
    return KernelSet.ACCUMULATION;
  }

  /**
   * {@code out = x·c}, or {@code out = out + x·c} when {@code accumulate}, over the floats
   * [lo, hi) of native buffers (a product then a sum, no fused multiply-add: the bits of
   * ND4J's {@code out.addi(x.mul(c))}).
   */
  public abstract void addScaled(ByteBuffer x, float c, ByteBuffer out, boolean accumulate,
      int lo, int hi);

  /**
   * {@code out = a·b}, or {@code out = out + a·b} when {@code accumulate}, element-wise over the
   * floats [lo, hi) of native buffers (the bits of ND4J's {@code out.addi(a.mul(b))}).
   */
  public abstract void addProduct(ByteBuffer a, ByteBuffer b, ByteBuffer out, boolean accumulate,
      int lo, int hi);

  /**
   * {@code out = c·sign(x − m)}, or {@code out = out + c·sign(x − m)} when {@code accumulate},
   * where the sign is taken from the sign bit of the float {@code x − m} (a sign-bit copy: the
   * bits of {@link LaplaceMath#signedConstant}), over the floats [lo, hi).
   */
  public abstract void addSignedConstant(ByteBuffer x, float m, float c, ByteBuffer out,
      boolean accumulate, int lo, int hi);

  /**
   * {@code out = c / s}, or {@code out = out + c / s} when {@code accumulate}, element-wise over
   * the floats [lo, hi).
   */
  public abstract void addQuotient(float c, ByteBuffer s, ByteBuffer out, boolean accumulate,
      int lo, int hi);

  /**
   * For the rows [rowLo, rowHi) of a matrix {@code out} with {@code cols} columns:
   * {@code out(r, j) = g(r, offset + j)}, or {@code out(r, j) += g(r, offset + j)} when
   * {@code accumulate}, where g has {@code gCols} columns (the gradient of one part of a
   * concatenation along columns).
   */
  public abstract void addColumns(ByteBuffer g, int gCols, int offset, ByteBuffer out, int cols,
      boolean accumulate, int rowLo, int rowHi);

  /**
   * For the rows [rowLo, rowHi) of a matrix {@code out} with {@code cols} columns:
   * {@code out(r, j) += row(j)} (a bias added to every row, the bits of ND4J's broadcast add).
   */
  public abstract void addRow(ByteBuffer row, ByteBuffer out, int cols, int rowLo, int rowHi);

  /**
   * Adds the rows [0, rows) of the columns [c0, c0 + acc.length) of a matrix x with
   * {@code cols} columns to {@code acc}, one row after another (so both forms round alike).
   */
  public abstract void addRowsInto(ByteBuffer x, int cols, int rows, int c0, float[] acc);

  /** Which implementation this is: "vector (16 floats)" or "scalar". */
  public abstract String describe();


  /** One element at a time; also the tails of {@link Vectorised}'s loops. */
  public static class Scalar extends Accumulation {
    @Override
    public String describe() {
      return "scalar";
    }

    @Override
    public void addScaled(ByteBuffer x, float c, ByteBuffer out, boolean accumulate, int lo,
        int hi) {
      for (int i = lo; i < hi; i++) {
        float scaled = x.getFloat(4 * i) * c;
        out.putFloat(4 * i, accumulate ? out.getFloat(4 * i) + scaled : scaled);
      }
    }

    @Override
    public void addProduct(ByteBuffer a, ByteBuffer b, ByteBuffer out, boolean accumulate,
        int lo, int hi) {
      for (int i = lo; i < hi; i++) {
        float product = a.getFloat(4 * i) * b.getFloat(4 * i);
        out.putFloat(4 * i, accumulate ? out.getFloat(4 * i) + product : product);
      }
    }

    @Override
    public void addSignedConstant(ByteBuffer x, float m, float c, ByteBuffer out,
        boolean accumulate, int lo, int hi) {
      int bits = Float.floatToRawIntBits(c);
      for (int i = lo; i < hi; i++) {
        float v = LaplaceMath.signedConstant(x.getFloat(4 * i), m, bits);
        out.putFloat(4 * i, accumulate ? out.getFloat(4 * i) + v : v);
      }
    }

    @Override
    public void addQuotient(float c, ByteBuffer s, ByteBuffer out, boolean accumulate, int lo,
        int hi) {
      for (int i = lo; i < hi; i++) {
        float v = c / s.getFloat(4 * i);
        out.putFloat(4 * i, accumulate ? out.getFloat(4 * i) + v : v);
      }
    }

    @Override
    public void addColumns(ByteBuffer g, int gCols, int offset, ByteBuffer out, int cols,
        boolean accumulate, int rowLo, int rowHi) {
      for (int r = rowLo; r < rowHi; r++) {
        for (int j = 0; j < cols; j++) {
          float v = g.getFloat(4 * (r * gCols + offset + j));
          int at = 4 * (r * cols + j);
          out.putFloat(at, accumulate ? out.getFloat(at) + v : v);
        }
      }
    }

    @Override
    public void addRow(ByteBuffer row, ByteBuffer out, int cols, int rowLo, int rowHi) {
      for (int r = rowLo; r < rowHi; r++) {
        addRowFrom(row, out, cols, r, 0);
      }
    }

    /** {@link #addRow} for the columns [from, cols) of row r. */
    static void addRowFrom(ByteBuffer row, ByteBuffer out, int cols, int r, int from) {
      for (int j = from; j < cols; j++) {
        int at = 4 * (r * cols + j);
        out.putFloat(at, out.getFloat(at) + row.getFloat(4 * j));
      }
    }

    @Override
    public void addRowsInto(ByteBuffer x, int cols, int rows, int c0, float[] acc) {
      for (int r = 0; r < rows; r++) {
        addRowInto(x, 4 * (r * cols + c0), acc, 0);
      }
    }

    /** Adds the floats of x from byte {@code at} on to {@code acc[from..)}, one by one. */
    static void addRowInto(ByteBuffer x, int at, float[] acc, int from) {
      for (int j = from; j < acc.length; j++) {
        acc[j] += x.getFloat(at + 4 * j);
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

    /** A new instance, its kernels run once (see {@link ElementWiseMath.Vectorised#create}). */
    public static Vectorised create() {
      Vectorised math = new Vectorised();
      int n = 4 * F.length() + 3;
      ByteBuffer b = VectorApi.direct(VectorApi.mixed(n, F.length()));
      ByteBuffer p = VectorApi.direct(new float[n]);
      ByteBuffer m = VectorApi.direct(new float[n]);
      math.addScaled(b, 2f, m, false, 1, n);
      math.addScaled(b, 2f, m, true, 1, n);
      math.addProduct(b, p, m, false, 1, n);
      math.addProduct(b, p, m, true, 1, n);
      math.addSignedConstant(b, 0.5f, -2f, m, false, 1, n);
      math.addSignedConstant(b, 0.5f, -2f, m, true, 1, n);
      math.addQuotient(-2f, b, m, false, 1, n);
      math.addQuotient(-2f, b, m, true, 1, n);
      math.addColumns(b, n, 0, m, n - 1, false, 0, 1);
      math.addColumns(b, n, 1, m, n - 1, true, 0, 1);
      math.addRow(b, m, n - 1, 0, 1);
      math.addRowsInto(b, n, 1, 0, new float[n - 1]);
      return math;
    }

    @Override
    public void addScaled(ByteBuffer x, float c, ByteBuffer out, boolean accumulate, int lo,
        int hi) {
      int i = lo;
      for (int end = lo + F.loopBound(hi - lo); i < end; i += F.length()) {
        FloatVector scaled = FloatVector.fromByteBuffer(F, x, 4 * i, ORDER).mul(c);
        (accumulate ? FloatVector.fromByteBuffer(F, out, 4 * i, ORDER).add(scaled) : scaled)
            .intoByteBuffer(out, 4 * i, ORDER);
      }
      super.addScaled(x, c, out, accumulate, i, hi);
    }

    @Override
    public void addProduct(ByteBuffer a, ByteBuffer b, ByteBuffer out, boolean accumulate,
        int lo, int hi) {
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
    public void addSignedConstant(ByteBuffer x, float m, float c, ByteBuffer out,
        boolean accumulate, int lo, int hi) {
      int bits = Float.floatToRawIntBits(c);
      int i = lo;
      for (int end = lo + F.loopBound(hi - lo); i < end; i += F.length()) {
        FloatVector v = FloatVector.fromByteBuffer(F, x, 4 * i, ORDER).sub(m).reinterpretAsInts()
            .and(0x80000000).lanewise(VectorOperators.XOR, bits).reinterpretAsFloats();
        (accumulate ? FloatVector.fromByteBuffer(F, out, 4 * i, ORDER).add(v) : v)
            .intoByteBuffer(out, 4 * i, ORDER);
      }
      super.addSignedConstant(x, m, c, out, accumulate, i, hi);
    }

    @Override
    public void addQuotient(float c, ByteBuffer s, ByteBuffer out, boolean accumulate, int lo,
        int hi) {
      int i = lo;
      FloatVector cs = FloatVector.broadcast(F, c);
      for (int end = lo + F.loopBound(hi - lo); i < end; i += F.length()) {
        FloatVector v = cs.div(FloatVector.fromByteBuffer(F, s, 4 * i, ORDER));
        (accumulate ? FloatVector.fromByteBuffer(F, out, 4 * i, ORDER).add(v) : v)
            .intoByteBuffer(out, 4 * i, ORDER);
      }
      super.addQuotient(c, s, out, accumulate, i, hi);
    }

    @Override
    public void addColumns(ByteBuffer g, int gCols, int offset, ByteBuffer out, int cols,
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
    public void addRow(ByteBuffer row, ByteBuffer out, int cols, int rowLo, int rowHi) {
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
    public void addRowsInto(ByteBuffer x, int cols, int rows, int c0, float[] acc) {
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
  }
}
