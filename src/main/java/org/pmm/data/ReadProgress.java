package org.pmm.data;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Progress lines for a read that may take long (a file of many small chunks can take minutes):
 * nothing during the first {@code quiet} nanoseconds, so that a quick read stays silent, then a
 * line at most once per {@code quiet}. Notes (what makes the read slow) go out at once.
 *
 * <pre>{@code
 * ReadProgress progress = ReadProgress.after(2_000_000_000L, line -> System.err.println("pmm: " + line));
 * progress.rows(4096, 25959);   // after 2 s: "read 4096 of 25959 rows (16%)"
 * }</pre>
 */
public final class ReadProgress {
  /** Prints nothing. */
  public static final ReadProgress NONE = new ReadProgress(Long.MAX_VALUE, () -> 0L, line -> { });

  private final long quietNanos;
  private final LongSupplier clock;
  private final Consumer<String> out;
  private long last;

  ReadProgress(long quietNanos, LongSupplier clock, Consumer<String> out) {
    this.quietNanos = quietNanos;
    this.clock = clock;
    this.out = out;
    this.last = clock.getAsLong();
  }

  /** Lines to {@code out}, the first after {@code quietNanos} of reading. */
  public static ReadProgress after(long quietNanos, Consumer<String> out) {
    return new ReadProgress(quietNanos, System::nanoTime, out);
  }

  /** Says that {@code done} of {@code total} rows are read, if the read has been long. */
  void rows(int done, int total) {
    long now = clock.getAsLong();
    if (done < total && now - last >= quietNanos) {
      last = now;
      out.accept(String.format("read %d of %d rows (%d%%)", done, total,
          Math.round(100.0 * done / total)));
    }
  }

  /** Says at once why the read will be slow. */
  void note(String line) {
    if (this != NONE) {
      out.accept(line);
    }
  }
}
