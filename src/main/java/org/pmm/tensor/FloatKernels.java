package org.pmm.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.KernelThreads.Work;

/**
 * Element-wise work fused into one pass over float arrays, in Java: the arrays' native memory is
 * copied in chunks that fit in cache into heap arrays (a bulk copy), the chunk is processed by a
 * plain loop that the JIT vectorises, and the results are copied back. One such pass replaces a
 * chain of ND4J operations, each of which traverses (and often allocates) the whole array; the
 * chunks are shared among the kernel threads when the arrays are large ({@link KernelThreads},
 * as arithmetic-bound work). Only for dense, row-major float arrays ({@link #applies});
 * callers keep an ND4J path for everything else.
 *
 * <pre>{@code
 * if (FloatKernels.applies(x, y)) {          // y ← 2·x + y in one pass
 *   FloatKernels.run(x.length(), (lo, n, c) -> {
 *     for (int i = 0; i < n; i++) {
 *       c[1][i] += 2 * c[0][i];
 *     }
 *   }, new INDArray[] {x, y}, new INDArray[] {y});
 * }
 * }</pre>
 */
public final class FloatKernels {
  /** Floats per chunk and array: a few arrays of this size stay in a core's L2 cache. */
  static final int CHUNK = 8192;
  private static final int MAX_ARRAYS = 8;
  private static final ThreadLocal<float[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new float[MAX_ARRAYS][CHUNK]);

  private FloatKernels() {}

  /** The work on one chunk: {@code chunk[k][0..n)} holds elements {@code [lo, lo + n)}. */
  @FunctionalInterface
  public interface ChunkBody {
    void apply(long lo, int n, float[][] chunk);
  }

  /** {@link Backend#hostMemory}, asked once. */
  private static final boolean HOST_MEMORY = Backend.hostMemory();

  /**
   * Whether every array is a dense, row-major, float array of the same length in host memory
   * (never with the CUDA backend).
   */
  public static boolean applies(INDArray... arrays) {
    if (!HOST_MEMORY) {
      return false;
    }
    long length = arrays[0].length();
    for (INDArray a : arrays) {
      if (a == null || a.dataType() != DataType.FLOAT || a.length() != length || a.isView()
          || a.ordering() != 'c' || a.offset() != 0 || a.data().length() < length
          || a.wasClosed()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Runs {@code body} over all elements in chunks. Array k of {@code read} is copied into
   * {@code chunk[k]} (a null entry leaves that slot for the body to fill); array w of
   * {@code write} is copied back from the slot of the same array in {@code read}, or else from
   * {@code chunk[read.length + w]} (null entries are not copied back).
   */
  public static void run(long length, ChunkBody body, INDArray[] read, INDArray[] write) {
    FloatBuffer[] in = buffers(read);
    FloatBuffer[] out = buffers(write);
    int[] outSlot = new int[write.length];
    for (int w = 0; w < write.length; w++) {
      int r = write[w] == null ? -1 : indexOf(read, write[w]);
      outSlot[w] = r >= 0 ? r : read.length + w;
    }
    if (read.length + write.length > MAX_ARRAYS) {
      throw new IllegalArgumentException("FloatKernels: at most " + MAX_ARRAYS + " arrays");
    }
    long chunks = (length + CHUNK - 1) / CHUNK;
    int workers = (int) Math.min(chunks, KernelThreads.parts(Work.COMPUTE, length));
    KernelThreads.forEach(workers, worker -> {
      float[][] scratch = SCRATCH.get();
      for (long c = worker; c < chunks; c += workers) {
        long lo = c * CHUNK;
        int n = (int) Math.min(CHUNK, length - lo);
        for (int r = 0; r < in.length; r++) {
          if (in[r] != null) {
            in[r].get((int) lo, scratch[r], 0, n);
          }
        }
        body.apply(lo, n, scratch);
        for (int w = 0; w < out.length; w++) {
          if (out[w] != null) {
            out[w].put((int) lo, scratch[outSlot[w]], 0, n);
          }
        }
      }
    });
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
        throw new IllegalArgumentException("FloatKernels: arrays above 2^31 elements");
      }
      b[i] = arrays[i].data().asNioFloat();
    }
    return b;
  }

  /** Work on the elements [lo, hi) of arrays read and written in place ({@link #bytes}). */
  @FunctionalInterface
  interface Range {
    void run(int lo, int hi);
  }

  /**
   * Splits [0, length) among the kernel threads, when it is large enough for {@code work}
   * ({@link KernelThreads}), in ranges of whole 16-float vectors and runs them in parallel, for
   * kernels that work on the arrays' memory in place instead of on copied chunks (the Vector
   * API loads and stores a native buffer directly: in a probe, Adam's update of 7.8 M floats
   * took about 3 ms in place, against 7 to 8 ms with the same vector arithmetic on chunks copied
   * through the heap; docs/performance.md, seventh session).
   */
  static void byRanges(Work work, long length, Range body) {
    if (length > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("FloatKernels: arrays above 2^31 elements");
    }
    int n = (int) length;
    int workers = KernelThreads.parts(work, n);
    if (workers == 1) {
      body.run(0, n);
      return;
    }
    int[] bounds = new int[workers + 1];
    for (int w = 1; w < workers; w++) {
      bounds[w] = (int) ((long) n * w / workers) / 16 * 16;
    }
    bounds[workers] = n;
    KernelThreads.forEach(workers, w -> body.run(bounds[w], bounds[w + 1]));
  }

  /**
   * Splits the rows [0, rows) of a matrix with {@code cols} columns among the kernel threads
   * (one part unless the matrix is large enough for a streaming pass) and runs {@code body} on
   * each range of rows.
   */
  static void byRows(int rows, int cols, Range body) {
    int workers = Math.min(rows, KernelThreads.parts(Work.STREAMING, (long) rows * cols));
    if (workers <= 1) {
      body.run(0, rows);
      return;
    }
    KernelThreads.forEach(workers,
        w -> body.run((int) ((long) rows * w / workers), (int) ((long) rows * (w + 1) / workers)));
  }

  /**
   * The array's memory as a byte buffer in the machine's order, for absolute reads and writes
   * at {@code 4 · index} (only for arrays that {@link #applies}).
   */
  static ByteBuffer bytes(INDArray a) {
    return a.data().asNio().order(ByteOrder.nativeOrder());
  }

  /** Work on the columns [c0, c0 + n) of every row. */
  @FunctionalInterface
  interface ColumnRange {
    void run(int c0, int n);
  }

  /**
   * Splits the columns of a matrix with {@code rows} rows among the kernel threads (one part
   * unless the matrix is large enough for a streaming pass) in ranges of whole 16-float vectors,
   * none narrower than 64 columns, and runs them in parallel.
   */
  static void byColumns(int rows, int cols, ColumnRange body) {
    int workers = Math.max(1,
        Math.min(KernelThreads.parts(Work.STREAMING, (long) rows * cols), cols / 64));
    int[] bounds = new int[workers + 1];
    for (int w = 1; w < workers; w++) {
      bounds[w] = (int) ((long) cols * w / workers) / 16 * 16;
    }
    bounds[workers] = cols;
    if (workers == 1) {
      body.run(0, cols);
      return;
    }
    KernelThreads.forEach(workers, w -> body.run(bounds[w], bounds[w + 1] - bounds[w]));
  }
}
