package org.pmm.tensor.kernels;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Max-norm projection of a dense row-major float weight matrix [inputs, units], in place: one
 * pass sums each column's squares, and a second pass rescales the rows only when some column
 * is longer than the limit. It replaces a composition of ND4J operations (square, sum over axis 0,
 * sqrt, divide, min, broadcast product, {@link #composed}) that traverses the matrix six times;
 * {@link #projectColumns} chooses between them. Columns are split among the kernel threads by
 * {@link KernelThreads#byColumns}; each column is summed in row order, so the result does not
 * depend on the number of threads.
 *
 * <pre>{@code
 * MaxNormKernels.projectColumns(w, 3.0);   // every column's L2 norm is now at most 3
 * }</pre>
 */
public final class MaxNormKernels {
  private MaxNormKernels() {}

  /**
   * Scales, in place, every column of the matrix {@code w} whose L2 norm exceeds
   * {@code maxNorm} down to that norm: by {@link #project} for a dense float matrix, else by
   * {@link #composed}.
   */
  public static void projectColumns(INDArray w, double maxNorm) {
    if (applies(w)) {
      project(w, maxNorm);
    } else {
      composed(w, maxNorm);
    }
  }

  /** {@link #projectColumns} composed of ND4J operations: doubles, views, and the tests. */
  static void composed(INDArray w, double maxNorm) {
    INDArray squares = w.mul(w);
    INDArray norms = Transforms.sqrt(squares.sum(true, 0), false);
    release(squares);
    INDArray scale = Transforms.min(norms.rdivi(maxNorm), 1.0, false);
    w.muli(scale);
    release(scale);
  }

  /** Frees a temporary's native buffer now (as {@code org.pmm.tensor.Memory.release}). */
  private static void release(INDArray a) {
    if (a != null && !a.wasClosed() && a.closeable()) {
      a.close();
    }
  }

  static boolean applies(INDArray w) {
    return w.rank() == 2 && w.size(0) > 0 && DenseFloats.applies(w);
  }

  /** Scales each column whose L2 norm exceeds {@code maxNorm} down to that norm. */
  static void project(INDArray w, double maxNorm) {
    int rows = (int) w.size(0);
    int cols = (int) w.size(1);
    FloatBuffer wb = w.data().asNioFloat();
    KernelThreads.byColumns(rows, cols, (c0, n) -> {
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
