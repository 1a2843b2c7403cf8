package org.pmm.tensor.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The loops of batch normalisation's passes ({@link BatchNormKernels} runs them): matrices
 * [rows, cols] in native buffers (byte offset 4 · index); "column arrays" hold one value per
 * column of the range the method works on (c0 onwards), or of the whole width. A
 * {@link Vectorised} implementation with the Vector API and a {@link Scalar} one give the same
 * bits, as in {@link ElementWiseMath}.
 *
 * <pre>{@code
 * BatchNormMath.get().normalise(x, y, cols, 0, rows, mean, scale, offset);   // y = (x − m)·s + o
 * }</pre>
 */
public abstract class BatchNormMath {
  BatchNormMath() {}

  /** The vectorised implementation when the Vector API is available, else the scalar one. */
  public static BatchNormMath get() {
    return KernelSet.BATCH_NORM;
  }

  /**
   * Batch norm's statistics over the rows [rowLo, rowHi) and the columns [c0, c0 + shift.length)
   * of x: {@code d = x − shift; s1 += d; s2 += d·d}, one row after another.
   */
  public abstract void shiftedSums(ByteBuffer x, int cols, int rowLo, int rowHi, int c0,
      float[] shift, float[] s1, float[] s2);

  /** {@code y = (x − mean)·scale + offset} over the rows [rowLo, rowHi) (whole-width arrays). */
  public abstract void normalise(ByteBuffer x, ByteBuffer y, int cols, int rowLo, int rowHi,
      float[] mean, float[] scale, float[] offset);

  /**
   * Batch norm backward's sums over the rows [rowLo, rowHi) and the columns [c0, c0 +
   * mean.length): {@code xhat = (x − mean)·inv; s1 += g; s2 += g·xhat}, row after row.
   */
  public abstract void normalisedGradientSums(ByteBuffer g, ByteBuffer x, int cols, int rowLo,
      int rowHi, int c0, float[] mean, float[] inv, float[] s1, float[] s2);

  /**
   * Batch norm's input gradient over the rows [rowLo, rowHi) (whole-width arrays):
   * {@code dx = c·(batch·g − s1 − xhat·s2)} with {@code xhat = (x − mean)·inv}.
   */
  public abstract void normalisedInputGradient(ByteBuffer g, ByteBuffer x, ByteBuffer dx,
      int cols, int rowLo, int rowHi, float batch, float[] mean, float[] inv, float[] c,
      float[] s1, float[] s2);

  /** Which implementation this is: "vector (16 floats)" or "scalar". */
  public abstract String describe();


  /** One element at a time; its row forms also finish the rows {@link Vectorised} leaves. */
  public static class Scalar extends BatchNormMath {
    @Override
    public String describe() {
      return "scalar";
    }

    @Override
    public void shiftedSums(ByteBuffer x, int cols, int rowLo, int rowHi, int c0, float[] shift,
        float[] s1, float[] s2) {
      for (int r = rowLo; r < rowHi; r++) {
        shiftedSumsFrom(x, 4 * (r * cols + c0), shift, s1, s2, 0);
      }
    }

    /** {@link #shiftedSums} of one row from byte {@code at}, columns from {@code from}. */
    static void shiftedSumsFrom(ByteBuffer x, int at, float[] shift, float[] s1, float[] s2,
        int from) {
      for (int j = from; j < shift.length; j++) {
        float d = x.getFloat(at + 4 * j) - shift[j];
        s1[j] += d;
        s2[j] += d * d;
      }
    }

    @Override
    public void normalise(ByteBuffer x, ByteBuffer y, int cols, int rowLo, int rowHi,
        float[] mean, float[] scale, float[] offset) {
      for (int r = rowLo; r < rowHi; r++) {
        normaliseFrom(x, y, 4 * r * cols, mean, scale, offset, 0);
      }
    }

    /** {@link #normalise} of one row from byte {@code at}, columns from {@code from}. */
    static void normaliseFrom(ByteBuffer x, ByteBuffer y, int at, float[] mean, float[] scale,
        float[] offset, int from) {
      for (int j = from; j < mean.length; j++) {
        y.putFloat(at + 4 * j, (x.getFloat(at + 4 * j) - mean[j]) * scale[j] + offset[j]);
      }
    }

    @Override
    public void normalisedGradientSums(ByteBuffer g, ByteBuffer x, int cols, int rowLo,
        int rowHi, int c0, float[] mean, float[] inv, float[] s1, float[] s2) {
      for (int r = rowLo; r < rowHi; r++) {
        normalisedGradientSumsFrom(g, x, 4 * (r * cols + c0), mean, inv, s1, s2, 0);
      }
    }

    /** {@link #normalisedGradientSums} of one row from byte {@code at}, columns from from. */
    static void normalisedGradientSumsFrom(ByteBuffer g, ByteBuffer x, int at, float[] mean,
        float[] inv, float[] s1, float[] s2, int from) {
      for (int j = from; j < mean.length; j++) {
        float gj = g.getFloat(at + 4 * j);
        float xhat = (x.getFloat(at + 4 * j) - mean[j]) * inv[j];
        s1[j] += gj;
        s2[j] += gj * xhat;
      }
    }

    @Override
    public void normalisedInputGradient(ByteBuffer g, ByteBuffer x, ByteBuffer dx, int cols,
        int rowLo, int rowHi, float batch, float[] mean, float[] inv, float[] c, float[] s1,
        float[] s2) {
      for (int r = rowLo; r < rowHi; r++) {
        normalisedInputGradientFrom(g, x, dx, 4 * r * cols, batch, mean, inv, c, s1, s2, 0);
      }
    }

    /** {@link #normalisedInputGradient} of one row from byte {@code at}, columns from from. */
    static void normalisedInputGradientFrom(ByteBuffer g, ByteBuffer x, ByteBuffer dx, int at,
        float batch, float[] mean, float[] inv, float[] c, float[] s1, float[] s2, int from) {
      for (int j = from; j < mean.length; j++) {
        float xhat = (x.getFloat(at + 4 * j) - mean[j]) * inv[j];
        dx.putFloat(at + 4 * j, c[j] * (batch * g.getFloat(at + 4 * j) - s1[j] - xhat * s2[j]));
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
      float[] x = VectorApi.mixed(n, F.length());
      float[] g = VectorApi.falling(n);
      ByteBuffer b = VectorApi.direct(x);
      ByteBuffer gb = VectorApi.direct(g);
      ByteBuffer m = VectorApi.direct(new float[n]);
      float[] k = Arrays.copyOf(g, n - 1);
      float[] s1 = new float[n - 1];
      float[] s2 = new float[n - 1];
      math.shiftedSums(b, n, 0, 1, 0, k, s1, s2);
      math.normalise(b, m, n, 0, 1, g, x, g);
      math.normalisedGradientSums(gb, b, n, 0, 1, 0, k, k, s1, s2);
      math.normalisedInputGradient(gb, b, m, n, 0, 1, 2f, g, g, x, g, x);
      return math;
    }

    @Override
    public void shiftedSums(ByteBuffer x, int cols, int rowLo, int rowHi, int c0, float[] shift,
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
    public void normalise(ByteBuffer x, ByteBuffer y, int cols, int rowLo, int rowHi,
        float[] mean, float[] scale, float[] offset) {
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
    public void normalisedGradientSums(ByteBuffer g, ByteBuffer x, int cols, int rowLo,
        int rowHi, int c0, float[] mean, float[] inv, float[] s1, float[] s2) {
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
    public void normalisedInputGradient(ByteBuffer g, ByteBuffer x, ByteBuffer dx, int cols,
        int rowLo, int rowHi, float batch, float[] mean, float[] inv, float[] c, float[] s1,
        float[] s2) {
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
  }
}
