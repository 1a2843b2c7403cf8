package org.pmm.tensor;

import java.nio.ByteBuffer;

/**
 * {@link ArrayMath} one element at a time, for a JVM without the Vector API; its range forms
 * also finish the ranges {@link VectorArrayMath}'s vector loops leave (a tail shorter than a
 * vector, a block outside a polynomial's range), so that both round alike.
 */
class ScalarArrayMath extends ArrayMath {
  @Override
  String describe() {
    return "scalar";
  }

  @Override
  void softplus(ByteBuffer x, ByteBuffer y, int lo, int hi) {
    for (int i = lo; i < hi; i++) {
      y.putFloat(4 * i, softplus(x.getFloat(4 * i)));
    }
  }

  @Override
  void sigmoidTimes(ByteBuffer x, ByteBuffer g, ByteBuffer out, int lo, int hi) {
    for (int i = lo; i < hi; i++) {
      out.putFloat(4 * i, sigmoidTimes(x.getFloat(4 * i), g.getFloat(4 * i)));
    }
  }

  @Override
  void tanh(ByteBuffer x, ByteBuffer y, int lo, int hi) {
    for (int i = lo; i < hi; i++) {
      y.putFloat(4 * i, tanhf(x.getFloat(4 * i)));
    }
  }

  @Override
  void tanhGradient(ByteBuffer y, ByteBuffer g, ByteBuffer out, int lo, int hi) {
    for (int i = lo; i < hi; i++) {
      float yi = y.getFloat(4 * i);
      out.putFloat(4 * i, g.getFloat(4 * i) * (1f - yi * yi));
    }
  }

  @Override
  void sigmoid(float[] x, float[] y, int n) {
    for (int i = 0; i < n; i++) {
      y[i] = sigmoid(x[i]);
    }
  }

  @Override
  void laplaceFromUniform(float[] u, int n, float h) {
    for (int i = 0; i < n; i++) {
      u[i] = laplaceFromUniform(u[i], h);
    }
  }

  @Override
  void signedConstant(float[] x, float m, float c, float[] out, int n) {
    int bits = Float.floatToRawIntBits(c);
    for (int i = 0; i < n; i++) {
      out[i] = signedConstant(x[i], m, bits);
    }
  }

  @Override
  int maxMagnitudeBits(ByteBuffer x, int lo, int hi) {
    int max = 0;
    for (int i = lo; i < hi; i++) {
      max = Math.max(max, x.getInt(4 * i) & 0x7fffffff);
    }
    return max;
  }

  @Override
  void minMaxBits(ByteBuffer x, int lo, int hi, int[] minMax) {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int i = lo; i < hi; i++) {
      int bits = x.getInt(4 * i);
      min = Math.min(min, bits);
      max = Math.max(max, bits);
    }
    minMax[0] = min;
    minMax[1] = max;
  }

  @Override
  void adam(ByteBuffer p, ByteBuffer g, ByteBuffer m, ByteBuffer v, int lo, int hi,
      AdamStep s) {
    float[] mv = new float[2];
    for (int i = lo; i < hi; i++) {
      int at = 4 * i;
      p.putFloat(at, adam(p.getFloat(at), g.getFloat(at), m.getFloat(at), v.getFloat(at), s, mv));
      m.putFloat(at, mv[0]);
      v.putFloat(at, mv[1]);
    }
  }

  @Override
  void addScaled(ByteBuffer x, float c, ByteBuffer out, boolean accumulate, int lo, int hi) {
    for (int i = lo; i < hi; i++) {
      float scaled = x.getFloat(4 * i) * c;
      out.putFloat(4 * i, accumulate ? out.getFloat(4 * i) + scaled : scaled);
    }
  }

  @Override
  void addProduct(ByteBuffer a, ByteBuffer b, ByteBuffer out, boolean accumulate, int lo,
      int hi) {
    for (int i = lo; i < hi; i++) {
      float product = a.getFloat(4 * i) * b.getFloat(4 * i);
      out.putFloat(4 * i, accumulate ? out.getFloat(4 * i) + product : product);
    }
  }

  @Override
  void addColumns(ByteBuffer g, int gCols, int offset, ByteBuffer out, int cols,
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
  void addRow(ByteBuffer row, ByteBuffer out, int cols, int rowLo, int rowHi) {
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
  void addRowsInto(ByteBuffer x, int cols, int rows, int c0, float[] acc) {
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

  @Override
  void shiftedSums(ByteBuffer x, int cols, int rowLo, int rowHi, int c0, float[] shift,
      float[] s1, float[] s2) {
    for (int r = rowLo; r < rowHi; r++) {
      shiftedSumsFrom(x, 4 * (r * cols + c0), shift, s1, s2, 0);
    }
  }

  /** {@link #shiftedSums} of one row from byte {@code at}, for the columns from {@code from}. */
  static void shiftedSumsFrom(ByteBuffer x, int at, float[] shift, float[] s1, float[] s2,
      int from) {
    for (int j = from; j < shift.length; j++) {
      float d = x.getFloat(at + 4 * j) - shift[j];
      s1[j] += d;
      s2[j] += d * d;
    }
  }

  @Override
  void normalise(ByteBuffer x, ByteBuffer y, int cols, int rowLo, int rowHi, float[] mean,
      float[] scale, float[] offset) {
    for (int r = rowLo; r < rowHi; r++) {
      normaliseFrom(x, y, 4 * r * cols, mean, scale, offset, 0);
    }
  }

  /** {@link #normalise} of one row from byte {@code at}, for the columns from {@code from}. */
  static void normaliseFrom(ByteBuffer x, ByteBuffer y, int at, float[] mean, float[] scale,
      float[] offset, int from) {
    for (int j = from; j < mean.length; j++) {
      y.putFloat(at + 4 * j, (x.getFloat(at + 4 * j) - mean[j]) * scale[j] + offset[j]);
    }
  }

  @Override
  void normalisedGradientSums(ByteBuffer g, ByteBuffer x, int cols, int rowLo, int rowHi,
      int c0, float[] mean, float[] inv, float[] s1, float[] s2) {
    for (int r = rowLo; r < rowHi; r++) {
      normalisedGradientSumsFrom(g, x, 4 * (r * cols + c0), mean, inv, s1, s2, 0);
    }
  }

  /** {@link #normalisedGradientSums} of one row from byte {@code at}, columns from {@code from}. */
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
  void normalisedInputGradient(ByteBuffer g, ByteBuffer x, ByteBuffer dx, int cols, int rowLo,
      int rowHi, float batch, float[] mean, float[] inv, float[] c, float[] s1, float[] s2) {
    for (int r = rowLo; r < rowHi; r++) {
      normalisedInputGradientFrom(g, x, dx, 4 * r * cols, batch, mean, inv, c, s1, s2, 0);
    }
  }

  /** {@link #normalisedInputGradient} of one row from byte {@code at}, columns from {@code from}.
   */
  static void normalisedInputGradientFrom(ByteBuffer g, ByteBuffer x, ByteBuffer dx, int at,
      float batch, float[] mean, float[] inv, float[] c, float[] s1, float[] s2, int from) {
    for (int j = from; j < mean.length; j++) {
      float xhat = (x.getFloat(at + 4 * j) - mean[j]) * inv[j];
      dx.putFloat(at + 4 * j, c[j] * (batch * g.getFloat(at + 4 * j) - s1[j] - xhat * s2[j]));
    }
  }

  @Override
  void dropout(ByteBuffer u, float keep, float scale, ByteBuffer x, ByteBuffer y, int lo,
      int hi) {
    for (int i = lo; i < hi; i++) {
      float mask = u.getFloat(4 * i) < keep ? scale : 0f;
      u.putFloat(4 * i, mask);
      y.putFloat(4 * i, x.getFloat(4 * i) * mask);
    }
  }
}
