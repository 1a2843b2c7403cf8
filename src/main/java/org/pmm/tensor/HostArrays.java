package org.pmm.tensor;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrices copied between ND4J and Java arrays in bulk. ND4J 1.0.0-M2.1 copies them one row
 * view (toFloatMatrix: a view, a copy and a shape lookup per row) or one element
 * (Nd4j.create(float[][])) at a time, which showed in profiles of the experiment next to the
 * predictions themselves.
 *
 * <pre>{@code
 * float[][] rows = HostArrays.rows(probabilities.value());   // n x 23, any order or type
 * INDArray back = HostArrays.matrix(rows);                     // n x 23 float32, row-major
 * }</pre>
 */
public final class HostArrays {
  private HostArrays() {}

  /** The rows of a matrix (any layout, any floating type) as float arrays. */
  public static float[][] rows(INDArray matrix) {
    if (matrix.rank() != 2) {
      throw new ShapeException("rows: expected a matrix, got shape "
          + java.util.Arrays.toString(matrix.shape()));
    }
    INDArray dense = dense(matrix, DataType.FLOAT);
    int n = Math.toIntExact(dense.size(0));
    int width = Math.toIntExact(dense.size(1));
    float[][] out = new float[n][width];
    FloatBuffer buffer = dense.data().asNioFloat();
    for (float[] row : out) {
      buffer.get(row);
    }
    return out;
  }

  /** A row-major float32 matrix of the given rows (all of one length). */
  public static INDArray matrix(float[][] rows) {
    int width = rows.length == 0 ? 0 : rows[0].length;
    INDArray out = Nd4j.createUninitialized(DataType.FLOAT, rows.length, width);
    FloatBuffer buffer = out.data().asNioFloat();
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != width) {
        throw new ShapeException("matrix: row " + i + " has " + rows[i].length
            + " values, row 0 has " + width);
      }
      buffer.put(rows[i]);
    }
    return out;
  }

  /**
   * Frees the native buffers of arrays this code owns now, instead of when the garbage collector
   * gets to their Java objects: copies made outside a training step are not freed with it, and
   * with a heap that rarely fills, freed-but-uncollected copies of a 1024-wide system's weights
   * piled up to gigabytes.
   */
  public static void release(Iterable<INDArray> arrays) {
    arrays.forEach(Memory::release);
  }

  /**
   * The array itself when it is a dense row-major array of the given type that owns its whole
   * buffer (so {@code data().asNio...()} views exactly its values), else such a copy.
   */
  public static INDArray dense(INDArray a, DataType type) {
    boolean ownDense = a.dataType() == type && a.ordering() == 'c' && !a.isView()
        && a.data().length() == a.length();
    return ownDense ? a : a.castTo(type).dup('c');
  }
}
