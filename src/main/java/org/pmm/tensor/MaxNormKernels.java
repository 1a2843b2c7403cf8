package org.pmm.tensor;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max-norm projection of a dense row-major float weight matrix [inputs, units], in place: one
 * pass sums each column's squares, and a second pass rescales the rows only when some column
 * is longer than the limit. The composition of ND4J operations it replaces (square, sum over
 * axis 0, sqrt, divide, min, broadcast product) was one of the slowest parts of a GMU step
 * (docs/performance.md). Columns are split among the kernel threads by
 * {@link FloatKernels#byColumns}; each column is summed in row order, so the result does not
 * depend on the number of threads.
 *
 * <pre>{@code
 * if (MaxNormKernels.applies(w)) {
 *   MaxNormKernels.project(w, 3.0);   // every column's L2 norm is now at most 3
 * }
 * }</pre>
 */
final class MaxNormKernels {
  private MaxNormKernels() {}

  static boolean applies(INDArray w) {
    return w.rank() == 2 && w.size(0) > 0 && FloatKernels.applies(w);
  }

  /** Scales each column whose L2 norm exceeds {@code maxNorm} down to that norm. */
  static void project(INDArray w, double maxNorm) {
    int rows = (int) w.size(0);
    int cols = (int) w.size(1);
    FloatBuffer wb = w.data().asNioFloat();
    FloatKernels.byColumns(rows, cols, (c0, n) -> {
      float[] row = new float[n];
      float[] squares = new float[n];
      for (int r = 0; r < rows; r++) {
        wb.get(r * cols + c0, row, 0, n);
        for (int j = 0; j < n; j++) {
          squares[j] += row[j] * row[j];
        }
      }
      float[] scale = new float[n];
      boolean any = false;
      for (int j = 0; j < n; j++) {
        // as min(maxNorm / norm, 1) in float: a zero column divides to +Inf and keeps scale 1
        float s = Math.min((float) maxNorm / (float) Math.sqrt(squares[j]), 1f);
        scale[j] = s;
        any |= s < 1f;
      }
      if (!any) {
        return;
      }
      for (int r = 0; r < rows; r++) {
        wb.get(r * cols + c0, row, 0, n);
        for (int j = 0; j < n; j++) {
          row[j] *= scale[j];
        }
        wb.put(r * cols + c0, row, 0, n);
      }
    });
  }
}
