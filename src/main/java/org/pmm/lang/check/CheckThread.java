package org.pmm.lang.check;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.pmm.base.ExitCodes;
import org.pmm.base.UserError;

/**
 * Runs the checker on a thread with a large stack, so that deep but bounded expressions never
 * overflow it, and hands whatever ended the work back to the caller: the result, or the very
 * exception or error that was thrown. An error such as {@link OutOfMemoryError} must reach the
 * caller as itself; left on the checking thread it would end there, and the caller would take the
 * missing result for a program that passed.
 */
final class CheckThread {
  /** Stack of the checking thread: deep but bounded expressions must never overflow it. */
  private static final long STACK_BYTES = 256L * 1024 * 1024;

  private CheckThread() {}

  static <T> T run(Supplier<T> work) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(null, () -> {
      try {
        result.set(work.get());
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "pmm-check", STACK_BYTES);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted", ExitCodes.INTERRUPTED);
    }
    Throwable thrown = failure.get();
    if (thrown instanceof StackOverflowError) {
      throw new UserError("the program is too deeply nested to check");
    }
    if (thrown instanceof RuntimeException e) {
      throw e;
    }
    if (thrown instanceof Error e) {
      throw e;
    }
    if (thrown != null) {
      throw new IllegalStateException("checking failed", thrown);
    }
    if (result.get() == null) {
      throw new IllegalStateException("the checker returned no program and no error");
    }
    return result.get();
  }
}
