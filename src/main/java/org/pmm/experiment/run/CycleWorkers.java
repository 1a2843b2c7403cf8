package org.pmm.experiment.run;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.pmm.tensor.kernels.Backend;

/**
 * Trains cycles on several threads at once, in the order they are handed in, and gives each
 * cycle's outcome back to the thread that asks for it. The cycles of a grid are independent
 * (each has its own system, seeds and random stream; the engine's per-step state is
 * thread-local), so they can run side by side with the same results; the cores are divided
 * among the workers ({@link Backend#shareCores}) for as long as they run.
 *
 * <p>With one worker nothing runs in the background: a task runs on the thread that awaits it,
 * when it awaits it, as if there were no workers. With more, the first task that fails makes
 * the others stop: tasks not yet started do not start, and running ones see {@link #stopping()}
 * (a cycle then saves a checkpoint and stops, {@link Stopped}); awaiting any task then waits for
 * every running one to end and throws the first failure.
 *
 * <pre>{@code
 * try (CycleWorkers workers = CycleWorkers.start(2)) {
 *   CycleWorkers.Task<Outcome> a = workers.submit(() -> train(0));
 *   CycleWorkers.Task<Outcome> b = workers.submit(() -> train(1));   // runs beside a
 *   use(a.await());
 *   use(b.await());
 * }
 * }</pre>
 */
public final class CycleWorkers implements AutoCloseable {
  private final int count;
  private final ExecutorService pool;
  private final Backend.CoreShare cores;
  private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
  private volatile boolean stopping;

  private CycleWorkers(int count) {
    this.count = count;
    if (count > 1) {
      AtomicInteger n = new AtomicInteger();
      this.pool = Executors.newFixedThreadPool(count, r -> {
        Thread t = new Thread(r, "pmm-cycle-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      this.cores = Backend.shareCores(count);
    } else {
      this.pool = null;
      this.cores = () -> { };
    }
  }

  /** {@code count} workers (at least 1). */
  public static CycleWorkers start(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + count);
    }
    return new CycleWorkers(count);
  }

  /**
   * Up to {@code count} workers for {@code tasks} tasks: no more workers than tasks, since a
   * worker with nothing to do would still hold its share of the cores (one cycle on one of two
   * cores, the other idle).
   */
  public static CycleWorkers start(int count, int tasks) {
    return start(Math.max(1, Math.min(count, tasks)));
  }

  /**
   * The workers {@code pmm experiment} and {@code pmm train} use by default: two cycles at once
   * on a CPU with two cores or more (one at a time on one core, and on a GPU, where one cycle
   * already keeps the device busy).
   */
  public static int defaultCount() {
    return Backend.isCuda() ? 1 : Math.min(2, Runtime.getRuntime().availableProcessors());
  }

  public int count() {
    return count;
  }

  /** True once a task has failed: running cycles should save what they have and stop. */
  public boolean stopping() {
    return stopping;
  }

  /** Thrown by a cycle that stopped because another one failed. */
  public static final class Stopped extends RuntimeException {
    public Stopped(String what) {
      super(what + " stopped because another cycle failed");
    }
  }

  /** A task's result, when it is there. */
  public interface Task<T> {
    /**
     * The task's result, waiting for it; a task that failed throws its failure (after every
     * running task has ended), as does one that did not run because another failed.
     */
    T await() throws IOException;
  }

  /** A task that may throw an {@link IOException}. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws IOException;
  }

  /** Queues {@code work} (runs it at {@link Task#await} with one worker). */
  public <T> Task<T> submit(Work<T> work) {
    if (pool == null) {
      return work::run;
    }
    Callable<T> guarded = () -> {
      if (stopping) {
        throw new Stopped("a cycle waiting for its turn");
      }
      try {
        return work.run();
      } catch (Throwable t) {
        if (!(t instanceof Stopped)) {
          firstFailure.compareAndSet(null, t);
          stopping = true;
        }
        throw t;
      }
    };
    Future<T> f = pool.submit(guarded);
    return () -> {
      try {
        return f.get();
      } catch (ExecutionException e) {
        throw failure();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopping = true;
        throw new Stopped("waiting for a cycle was interrupted; it");
      }
    };
  }

  /** Waits for every running task to end, then gives the first failure to rethrow. */
  private IOException failure() {
    stopping = true;
    awaitRunning();
    Throwable t = firstFailure.get();
    if (t instanceof IOException io) {
      return io;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException("a cycle failed", t);
  }

  private void awaitRunning() {
    pool.shutdown();
    try {
      while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
        // a cycle saving its checkpoint before it stops
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops the tasks not yet started, waits for the running ones (they see {@link #stopping()}
   * unless every task was awaited) and gives the cores back.
   */
  @Override
  public void close() {
    if (pool != null) {
      // after every task was awaited nothing runs; otherwise the caller failed and the
      // running cycles save their checkpoints and stop
      stopping = true;
      awaitRunning();
    }
    cores.close();
  }
}
