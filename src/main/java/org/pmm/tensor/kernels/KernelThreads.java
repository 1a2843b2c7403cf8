package org.pmm.tensor.kernels;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * How pmm's Java kernels run: a pass over [0, n) is split into contiguous ranges
 * ({@link #byRanges}), or a matrix into ranges of rows ({@link #byRows}) or of columns
 * ({@link #byColumns}), and the ranges run in parallel, each on the arrays' memory in place.
 * This is the one execution model of the kernels; a loop written on heap arrays copies its range
 * through {@link HeapChunks}.
 *
 * <p>Part 0 of a pass runs on the calling thread, the others on daemon threads kept for the
 * JVM's lifetime: their thread-local scratch arrays survive from one pass to the next (the
 * common fork-join pool clears a worker's thread-local values after every task). A pass started
 * from one of these threads runs its parts in turn on that thread, so nested use cannot
 * deadlock.
 *
 * <p>Handing work to another core costs more than it saves on small arrays: the second core
 * has to fetch what the first has in cache, and one core already saturates the memory bandwidth
 * of a pass over arrays that fit in cache. So a pass is split only from a size that depends on
 * what bounds it ({@link Work}): arithmetic-bound kernels (exp, log, tanh) from 2^20 elements,
 * memory-bound ones from 2^22. {@code -Dpmm.kernel.threads=N} sets the number of threads (by
 * default the cores), {@code -Dpmm.kernel.parallel.compute=E} and
 * {@code -Dpmm.kernel.parallel.streaming=E} the sizes ({@link #setting}). Results do not depend
 * on them: element-wise passes compute each element alone, and sums are split by columns, each
 * summed in row order, or by fixed chunks added in chunk order. The tests split small arrays so
 * that the split paths are exercised.
 *
 * <pre>{@code
 * ByteBuffer x = DenseFloats.bytes(a);
 * KernelThreads.byRanges(Work.STREAMING, a.length(), (lo, hi) -> {
 *   for (int i = lo; i < hi; i++) {
 *     x.putFloat(4 * i, 2 * x.getFloat(4 * i));     // a ← 2·a, in place
 *   }
 * });
 * }</pre>
 */
public final class KernelThreads {
  /** Range bounds are multiples of this many floats: whole vectors of the widest SIMD unit. */
  public static final int VECTOR_ALIGN = 16;

  private static final int THREADS =
      (int) setting("pmm.kernel.threads", Runtime.getRuntime().availableProcessors(), 64);
  private static final ExecutorService WORKERS = THREADS > 1
      ? Executors.newFixedThreadPool(THREADS - 1, KernelThreads::newThread) : null;
  /** The parts a large pass is split into: all the threads, or a share ({@link #share}). */
  private static volatile int parts = THREADS;

  private KernelThreads() {}

  /** What bounds a kernel, which decides from what size on it is split among threads. */
  public enum Work {
    /** Arithmetic: transcendental functions. */
    COMPUTE(setting("pmm.kernel.parallel.compute", 1L << 20, Integer.MAX_VALUE)),
    /** Memory: a few operations per element loaded or stored. */
    STREAMING(setting("pmm.kernel.parallel.streaming", 1L << 22, Integer.MAX_VALUE));

    private final long minParallel;

    Work(long minParallel) {
      this.minParallel = minParallel;
    }

    /** The size from which such a kernel is split among the threads. */
    public long minParallel() {
      return minParallel;
    }
  }

  /** Work on the elements [lo, hi) (or the rows [lo, hi)) of arrays read and written in place. */
  @FunctionalInterface
  public interface Range {
    void run(int lo, int hi);
  }

  /** Work on the columns [c0, c0 + n) of every row. */
  @FunctionalInterface
  public interface ColumnRange {
    void run(int c0, int n);
  }

  /**
   * The system property {@code name} as a whole number in [1, max], or {@code fallback} when it
   * is unset; a value that is not one is ignored with a line on standard error naming it (a
   * tuning knob should not stop a run).
   */
  static long setting(String name, long fallback, long max) {
    String value = System.getProperty(name);
    if (value == null) {
      return fallback;
    }
    try {
      long n = Long.parseLong(value.strip());
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    System.err.println("pmm: ignoring -D" + name + "=" + value + " (a whole number from 1 to "
        + max + " is expected); using " + fallback);
    return fallback;
  }

  /** How many parts a kernel of {@code work} over {@code elements} elements runs in. */
  public static int parts(Work work, long elements) {
    return elements < work.minParallel ? 1 : parts;
  }

  /**
   * Splits large passes into {@code threads} parts (at most the threads there are, at least
   * one) instead of one per thread, while computations running at the same time each have a
   * share of the cores ({@code Backend.shareCores}): two cycles each splitting their passes
   * over both cores kept three threads busy on two. Results do not depend on it. Returns the
   * previous count, for putting it back.
   */
  public static int share(int threads) {
    int before = parts;
    parts = Math.max(1, Math.min(THREADS, threads));
    return before;
  }

  /**
   * Splits [0, length) among the kernel threads, when it is large enough for {@code work}, in
   * ranges of whole 16-float vectors, and runs them in parallel.
   */
  public static void byRanges(Work work, long length, Range body) {
    byRanges(work, length, VECTOR_ALIGN, body);
  }

  /**
   * {@link #byRanges(Work, long, Range)} with every range bound but the last a multiple of
   * {@code align}: {@link HeapChunks#CHUNK} for loops that keep one partial sum per chunk, so
   * that the chunks, and so the sums, do not depend on the number of threads.
   */
  public static void byRanges(Work work, long length, int align, Range body) {
    if (length > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("kernels: arrays above 2^31 elements");
    }
    int n = (int) length;
    int workers = parts(work, n);
    if (workers == 1) {
      body.run(0, n);
      return;
    }
    int[] bounds = new int[workers + 1];
    for (int w = 1; w < workers; w++) {
      bounds[w] = (int) ((long) n * w / workers) / align * align;
    }
    bounds[workers] = n;
    forEach(workers, w -> body.run(bounds[w], bounds[w + 1]));
  }

  /**
   * Splits the rows [0, rows) of a matrix with {@code cols} columns among the kernel threads
   * (one part unless the matrix is large enough for a streaming pass) and runs {@code body} on
   * each range of rows.
   */
  public static void byRows(int rows, int cols, Range body) {
    int workers = Math.min(rows, parts(Work.STREAMING, (long) rows * cols));
    if (workers <= 1) {
      body.run(0, rows);
      return;
    }
    forEach(workers,
        w -> body.run((int) ((long) rows * w / workers), (int) ((long) rows * (w + 1) / workers)));
  }

  /**
   * Splits the columns of a matrix with {@code rows} rows among the kernel threads (one part
   * unless the matrix is large enough for a streaming pass) in ranges of whole 16-float vectors,
   * none narrower than 64 columns, and runs them in parallel.
   */
  public static void byColumns(int rows, int cols, ColumnRange body) {
    int workers = Math.max(1,
        Math.min(parts(Work.STREAMING, (long) rows * cols), cols / 64));
    int[] bounds = new int[workers + 1];
    for (int w = 1; w < workers; w++) {
      bounds[w] = (int) ((long) cols * w / workers) / VECTOR_ALIGN * VECTOR_ALIGN;
    }
    bounds[workers] = cols;
    if (workers == 1) {
      body.run(0, cols);
      return;
    }
    forEach(workers, w -> body.run(bounds[w], bounds[w + 1] - bounds[w]));
  }

  private static Thread newThread(Runnable r) {
    Thread t = new Worker(r);
    t.setDaemon(true);
    return t;
  }

  /** A thread of {@link #WORKERS}, recognised so that nested kernels run in turn. */
  private static final class Worker extends Thread {
    Worker(Runnable r) {
      super(r, "pmm-kernel");
    }
  }

  /**
   * Runs {@code body} for every part in [0, parts) in parallel and returns when all are done;
   * a failure of any part is thrown here (others attached as suppressed).
   */
  public static void forEach(int parts, IntConsumer body) {
    if (parts <= 1 || WORKERS == null || Thread.currentThread() instanceof Worker) {
      for (int p = 0; p < parts; p++) {
        body.accept(p);
      }
      return;
    }
    Future<?>[] others = new Future<?>[parts - 1];
    for (int p = 1; p < parts; p++) {
      int part = p;
      others[p - 1] = WORKERS.submit(() -> body.accept(part));
    }
    Throwable failure = null;
    try {
      body.accept(0);
    } catch (Throwable t) {
      failure = t;
    }
    boolean interrupted = false;
    for (Future<?> f : others) {
      // wait even when interrupted: the parts write into buffers the caller may free next
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause();
          } else {
            failure.addSuppressed(e.getCause());
          }
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure instanceof RuntimeException re) {
      throw re;
    }
    if (failure instanceof Error err) {
      throw err;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }
}
