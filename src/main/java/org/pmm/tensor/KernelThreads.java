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
 * <p>How many threads: {@code -Dpmm.kernel.threads=N}, by default one, the calling thread.
 * Between GEMMs OpenBLAS's worker threads keep spinning on the other cores (they yield, for up
 * to about 0.1 s, before they sleep), and most kernels stream memory that one core already
 * saturates: on the 2-core machine of docs/performance.md, a kernel's second thread made
 * training steps slower, not faster (GMU 8 of 8 alternating bench pairs, PM+MO 2 of 2), and a
 * streaming pass over 8 MB took 0.40 ms on one thread against 0.51 ms on two. Results do not
 * depend on the number (sums are split by columns, each summed in row order); the tests run
 * with two, so that the split paths are exercised.
 *
 * <pre>{@code
 * KernelThreads.forEach(KernelThreads.threads(), part -> work(part));   // returns when done
 * }</pre>
 */
final class KernelThreads {
  private static final int THREADS = Math.max(1, Integer.getInteger("pmm.kernel.threads", 1));
  private static final ExecutorService WORKERS = THREADS > 1
      ? Executors.newFixedThreadPool(THREADS - 1, KernelThreads::newThread) : null;

  private KernelThreads() {}

  /** Threads that run kernel parts, the calling thread included. */
  static int threads() {
    return THREADS;
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
