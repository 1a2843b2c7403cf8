package org.pmm.tensor;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * The threads the Java kernels ({@link FloatKernels}, batch norm, max-norm) share the cores
 * with: part 0 of a kernel runs on the calling thread, the others on daemon threads kept for the
 * JVM's lifetime. Parallel streams ran these kernels before; JDK 17's common fork-join pool
 * erases a worker's thread-local values after every task, so each kernel call allocated its
 * per-thread scratch arrays anew (2.3 GB of Java heap in a 20-step PM+MO bench, found with a
 * JFR allocation profile). A kernel started from one of these threads runs its parts in turn
 * on that thread, so nested use cannot deadlock.
 *
 * <p>Splitting a pass costs more than the hand-off itself (an empty one took 9–13 µs median,
 * 27–44 µs at the 90th percentile in a probe): a 2 MB {@code y += x} took 0.165 ms longer on
 * two threads than on one, most likely the second core fetching what the first has in cache
 * (not measured further), and one core saturates the memory bandwidth available to a pass
 * over arrays that fit in cache. Measured
 * with {@code y += x} on the Vector API: 2 MB arrays 0.079 ms on one thread against 0.244 ms on
 * two, 8 MB 0.30 against 0.49, 32 MB 1.74 against 1.43, 128 MB 8.0 against 5.4. So a kernel
 * splits its work only when it is large, and how large depends on what bounds it ({@link Work}):
 * kernels bound by arithmetic (exp, log, tanh) from 2^20 elements, kernels that stream memory
 * from 2^22. Between GEMMs OpenBLAS's worker threads also keep spinning on the other cores (they
 * yield for up to about 0.1 s before they sleep): with every kernel on one thread, GMU's
 * bench-config steps were faster in 8 of 8 alternating pairs than with every kernel split from
 * 2^15 elements on, while PM+MO at the paper config, whose arrays are up to 45 M floats, was
 * faster split; these sizes give the first the one-thread times and the second large arrays on
 * both cores (its remaining difference to splitting everything was within this machine's
 * noise). {@code -Dpmm.kernel.threads=N} sets the number of threads (by default the cores),
 * {@code -Dpmm.kernel.parallel.compute=E} and {@code -Dpmm.kernel.parallel.streaming=E} the
 * sizes ({@link #setting}); results do not depend on them (sums are split by columns, each
 * summed in row order), and the tests split small arrays so that the split paths are exercised.
 *
 * <pre>{@code
 * int parts = KernelThreads.parts(Work.COMPUTE, x.length());   // 1 for a small array
 * KernelThreads.forEach(parts, part -> work(part));              // returns when all are done
 * }</pre>
 */
final class KernelThreads {
  private static final int THREADS =
      (int) setting("pmm.kernel.threads", Runtime.getRuntime().availableProcessors(), 64);
  private static final ExecutorService WORKERS = THREADS > 1
      ? Executors.newFixedThreadPool(THREADS - 1, KernelThreads::newThread) : null;

  private KernelThreads() {}

  /** What bounds a kernel, which decides from what size on it is split among threads. */
  enum Work {
    /** Arithmetic: transcendental functions. */
    COMPUTE(setting("pmm.kernel.parallel.compute", 1L << 20, Integer.MAX_VALUE)),
    /** Memory: a few operations per element loaded or stored. */
    STREAMING(setting("pmm.kernel.parallel.streaming", 1L << 22, Integer.MAX_VALUE));

    private final long minParallel;

    Work(long minParallel) {
      this.minParallel = minParallel;
    }

    /** The size from which such a kernel is split among the threads. */
    long minParallel() {
      return minParallel;
    }
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
  static int parts(Work work, long elements) {
    return elements < work.minParallel ? 1 : THREADS;
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
  static void forEach(int parts, IntConsumer body) {
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
