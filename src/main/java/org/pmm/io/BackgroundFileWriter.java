package org.pmm.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes files atomically ({@link AtomicFiles}) on a background thread, one at a time, so that
 * the caller does not wait for the disk: training goes on while a checkpoint is synced. The
 * caller prepares the content in memory (which is fast) and hands it over; the next write, or
 * {@link #await}, waits for the previous one and reports its failure there. A write still
 * pending when the JVM is asked to stop (Ctrl-C, SIGTERM) is finished first.
 *
 * <pre>{@code
 * BackgroundFileWriter writer = new BackgroundFileWriter();
 * writer.write(dir.resolve("gmu-cycle0.ckpt"), bytes);   // returns at once
 * ...                                                    // train the next epoch
 * writer.await();                                        // done, or the write's IOException
 * }</pre>
 */
public final class BackgroundFileWriter {
  /** How long a stopping JVM waits for pending writes. */
  private static final long SHUTDOWN_WAIT_SECONDS = 120;
  private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "pmm-file-writer");
    t.setDaemon(true);
    return t;
  });
  private static final Set<CompletableFuture<Void>> PENDING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(BackgroundFileWriter::finishPending,
        "pmm-file-writer-shutdown"));
  }

  private CompletableFuture<Void> pending;
  private Path pendingTarget;

  /**
   * Waits for this writer's previous write (throwing its failure), then starts writing
   * {@code content} to {@code target} atomically and returns. The writer owns {@code content}
   * from then on: it releases it when the write is over, failed or not, or at once when the
   * previous write's failure is thrown instead.
   *
   * @throws IOException if the previous write failed
   */
  public synchronized void write(Path target, ChunkedBytes content) throws IOException {
    try {
      await();
    } catch (IOException | RuntimeException e) {
      content.release();
      throw e;
    }
    CompletableFuture<Void> f = CompletableFuture.runAsync(() -> {
      try {
        AtomicFiles.writeStream(target, content::writeTo);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        content.release();
      }
    }, THREAD);
    PENDING.add(f);
    f.whenComplete((ok, failure) -> PENDING.remove(f));
    pending = f;
    pendingTarget = target;
  }

  /**
   * Waits until this writer's last write is on disk.
   *
   * @throws IOException if it failed (the file it was to replace is intact); reported once
   */
  public synchronized void await() throws IOException {
    CompletableFuture<Void> f = pending;
    Path target = pendingTarget;
    pending = null;
    pendingTarget = null;
    if (f == null) {
      return;
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          f.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true; // the write must finish before its failure can be known
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw new IOException("writing " + target + " failed: " + cause, cause);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void finishPending() {
    for (CompletableFuture<Void> f : PENDING) {
      try {
        f.get(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        return;
      } catch (ExecutionException | TimeoutException e) {
        // a failed write leaves the previous file in place; nothing more to do while stopping
      }
    }
  }
}
