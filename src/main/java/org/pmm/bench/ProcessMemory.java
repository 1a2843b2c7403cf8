package org.pmm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's resident memory as Linux reports it in {@code /proc/self/status}.
 *
 * <pre>{@code
 * long now = ProcessMemory.residentMb();   // VmRSS
 * long peak = ProcessMemory.peakMb();      // VmHWM
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
