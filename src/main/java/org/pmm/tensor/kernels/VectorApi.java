package org.pmm.tensor.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Whether the JDK's Vector API is in this JVM, and the sample inputs the vectorised kernels run
 * on once when created. This class itself refers to no {@code jdk.incubator.vector} class: the
 * kernel classes load their vectorised implementations only when {@link #PRESENT}.
 */
final class VectorApi {
  /** True when the JVM runs with {@code --add-modules jdk.incubator.vector}. */
  static final boolean PRESENT =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  private VectorApi() {}

  /**
   * n values whose lanes take every path of the kernels: within and beyond the polynomials'
   * range, both signs, and a NaN last.
   */
  static float[] mixed(int n, int vectorLength) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (i % 7 - 3) * (i < 2 * vectorLength ? 0.4f : 40f) + (i == n - 1 ? Float.NaN : 0f);
    }
    return x;
  }

  /** n values slowly falling from 1: gradients for the sample runs. */
  static float[] falling(int n) {
    float[] g = new float[n];
    for (int i = 0; i < n; i++) {
      g[i] = 1f - i * 0.01f;
    }
    return g;
  }

  /** A direct buffer in the machine's order holding {@code values}. */
  static ByteBuffer direct(float[] values) {
    ByteBuffer b = ByteBuffer.allocateDirect(4 * values.length).order(ByteOrder.nativeOrder());
    b.asFloatBuffer().put(values);
    return b;
  }
}
