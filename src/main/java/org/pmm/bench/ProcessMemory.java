package org.pmm.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's resident memory as Linux reports it in {@code /proc/self/status}.
 *
 * <pre>{@code
 * long now = ProcessMemory.residentMb();   // VmRSS
 * long peak = ProcessMemory.peakMb();      // VmHWM
 * long heap = ProcessMemory.heapAllocatedBytes();   // Java heap allocated by live threads
 * }</pre>
 */
final class ProcessMemory {
  private ProcessMemory() {}

  /** Resident set size now (VmRSS), in MB; -1 where /proc is absent. */
  static long residentMb() {
    return field("VmRSS:");
  }

  /** Peak resident set size (VmHWM), in MB; -1 where /proc is absent. */
  static long peakMb() {
    return field("VmHWM:");
  }

  /**
   * Bytes of Java heap allocated so far by the live threads (their counters; a thread that
   * ended takes its count with it). The difference over some steps is their allocation.
   */
  static long heapAllocatedBytes() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    if (!(bean instanceof com.sun.management.ThreadMXBean threads)
        || !threads.isThreadAllocatedMemorySupported()) {
      return 0;
    }
    long total = 0;
    for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      total += Math.max(0, b);
    }
    return total;
  }

  private static long field(String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
