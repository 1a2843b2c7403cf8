package org.pmm.tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a training step's time goes, per operation: with {@code -Dpmm.profile=true} every
 * operation's result, every backward propagation and every optimiser update marks the clock,
 * and the time since the previous mark is charged to it. ND4J on the CPU executes synchronously,
 * so this attributes the native work (and the Java around it) to the operation that caused it.
 * Off by default, when a mark is one branch on a constant.
 *
 * <pre>{@code
 * OpProfile.reset();
 * system.trainStep(batch, step);
 * System.err.println(OpProfile.report(20));   // the 20 most expensive labels
 * }</pre>
 */
public final class OpProfile {
  /** Whether marks are recorded (system property {@code pmm.profile}). */
  public static final boolean ENABLED = Boolean.getBoolean("pmm.profile");
  /** Whether forward labels include the result's shape ({@code -Dpmm.profile.shapes=true}). */
  public static final boolean SHAPES = ENABLED && Boolean.getBoolean("pmm.profile.shapes");

  private static final Map<String, long[]> TOTALS = new HashMap<>();
  private static long last = System.nanoTime();

  private OpProfile() {}

  /** Charges the time since the previous mark to {@code label}. */
  public static void mark(String label) {
    if (!ENABLED) {
      return;
    }
    long now = System.nanoTime();
    synchronized (TOTALS) {
      long[] t = TOTALS.computeIfAbsent(label, k -> new long[2]);
      t[0] += now - last;
      t[1]++;
    }
    last = now;
  }

  /** Forgets everything recorded and restarts the clock. */
  public static void reset() {
    synchronized (TOTALS) {
      TOTALS.clear();
    }
    last = System.nanoTime();
  }

  /** The {@code top} most expensive labels: milliseconds, share, calls. */
  public static String report(int top) {
    List<Map.Entry<String, long[]>> entries;
    synchronized (TOTALS) {
      entries = new ArrayList<>(TOTALS.entrySet());
    }
    entries.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
    double total = entries.stream().mapToLong(e -> e.getValue()[0]).sum();
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "%10s %6s %8s  %s%n", "ms", "share", "calls", "operation"));
    for (Map.Entry<String, long[]> e : entries.subList(0, Math.min(top, entries.size()))) {
      sb.append(String.format(Locale.ROOT, "%10.1f %5.1f%% %8d  %s%n", e.getValue()[0] / 1e6,
          100 * e.getValue()[0] / total, e.getValue()[1], e.getKey()));
    }
    return sb.toString();
  }
}
