package org.pmm.tensor.kernels;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a loop written on heap arrays over a range of dense float arrays ({@link DenseFloats}):
 * the range is copied in chunks of {@link #CHUNK} floats into per-thread scratch arrays (a bulk
 * copy), the loop runs on each chunk (plain loops the JIT vectorises), and the results are
 * copied back. A range comes from {@link KernelThreads#byRanges}; with bounds aligned to
 * {@link #CHUNK}, the chunks are the same however the work was split, so per-chunk partial sums
 * added in chunk order do not depend on the number of threads.
 *
 * <pre>{@code
 * HeapChunks chunks = new HeapChunks(new INDArray[] {x, y}, new INDArray[] {y});
 * KernelThreads.byRanges(Work.COMPUTE, x.length(), HeapChunks.CHUNK,
 *     chunks.each((lo, n, c) -> {                // c[0] holds x, c[1] holds y
 *       for (int i = 0; i < n; i++) {
 *         c[1][i] += 2 * c[0][i];                 // y ← y + 2·x, copied back to y
 *       }
 *     }));
 * }</pre>
 */
public final class HeapChunks {
  /** Floats per chunk and array: a few arrays of this size stay in a core's L2 cache. */
  public static final int CHUNK = 8192;
  private static final int MAX_ARRAYS = 8;
  private static final ThreadLocal<float[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new float[MAX_ARRAYS][CHUNK]);

  /** The work on one chunk: {@code chunk[k][0..n)} holds elements {@code [lo, lo + n)}. */
  @FunctionalInterface
  public interface Body {
    void apply(long lo, int n, float[][] chunk);
  }

  private final FloatBuffer[] in;
  private final FloatBuffer[] out;
  private final int[] outSlot;

  /**
   * Array k of {@code read} is copied into {@code chunk[k]} (a null entry leaves that slot for
   * the body to fill); array w of {@code write} is copied back from the slot of the same array in
   * {@code read}, or else from {@code chunk[read.length + w]} (null entries are not copied back).
   */
  public HeapChunks(INDArray[] read, INDArray[] write) {
    in = buffers(read);
    out = buffers(write);
    outSlot = new int[write.length];
    for (int w = 0; w < write.length; w++) {
      int r = write[w] == null ? -1 : indexOf(read, write[w]);
      outSlot[w] = r >= 0 ? r : read.length + w;
    }
    if (read.length + write.length > MAX_ARRAYS) {
      throw new IllegalArgumentException("HeapChunks: at most " + MAX_ARRAYS + " arrays");
    }
  }

  /** The number of chunks of an array of {@code length} floats. */
  public static int count(long length) {
    return (int) ((length + CHUNK - 1) / CHUNK);
  }

  /** The index of the chunk that starts at element {@code lo}. */
  public static int index(long lo) {
    return (int) (lo / CHUNK);
  }

  /** {@code body} over the chunks of a range [lo, hi) whose lo is a multiple of {@link #CHUNK}. */
  public KernelThreads.Range each(Body body) {
    return (lo, hi) -> {
      float[][] scratch = SCRATCH.get();
      for (long c = lo; c < hi; c += CHUNK) {
        int n = (int) Math.min(CHUNK, hi - c);
        for (int r = 0; r < in.length; r++) {
          if (in[r] != null) {
            in[r].get((int) c, scratch[r], 0, n);
          }
        }
        body.apply(c, n, scratch);
        for (int w = 0; w < out.length; w++) {
          if (out[w] != null) {
            out[w].put((int) c, scratch[outSlot[w]], 0, n);
          }
        }
      }
    };
  }

  private static int indexOf(INDArray[] arrays, INDArray a) {
    for (int i = 0; i < arrays.length; i++) {
      if (arrays[i] != null && arrays[i] == a) {
        return i;
      }
    }
    return -1;
  }

  private static FloatBuffer[] buffers(INDArray[] arrays) {
    FloatBuffer[] b = new FloatBuffer[arrays.length];
    for (int i = 0; i < arrays.length; i++) {
      if (arrays[i] == null) {
        continue;
      }
      if (arrays[i].length() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("HeapChunks: arrays above 2^31 elements");
      }
      b[i] = arrays[i].data().asNioFloat();
    }
    return b;
  }
}
