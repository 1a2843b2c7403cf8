package org.pmm.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The kernels' threads: every part once, failures reach the caller, nesting cannot deadlock. */
class KernelThreadsTest {
  @Test
  void everyPartRunsExactlyOnce() {
    AtomicIntegerArray runs = new AtomicIntegerArray(7);
    KernelThreads.forEach(7, runs::incrementAndGet);
    for (int p = 0; p < 7; p++) {
      assertEquals(1, runs.get(p), "part " + p);
    }
  }

  @Test
  void aFailingPartIsThrownToTheCallerAfterTheOthersFinished() {
    AtomicIntegerArray runs = new AtomicIntegerArray(4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KernelThreads.forEach(4, p -> {
          runs.incrementAndGet(p);
          if (p == 3) {
            throw new IllegalArgumentException("part 3 failed");
          }
        }));
    assertEquals("part 3 failed", e.getMessage());
    for (int p = 0; p < 4; p++) {
      assertEquals(1, runs.get(p), "part " + p);
    }
  }

  @Test
  void aKernelStartedInsideAKernelCompletes() {
    AtomicIntegerArray runs = new AtomicIntegerArray(9);
    // a deadlock guard, not a speed measurement: the work takes microseconds
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> KernelThreads.forEach(3,
        outer -> KernelThreads.forEach(3, inner -> runs.incrementAndGet(outer * 3 + inner))));
    for (int p = 0; p < 9; p++) {
      assertEquals(1, runs.get(p), "part " + p);
    }
  }

  /** The tuning properties: unset gives the default, a bad value is ignored with a message. */
  @Test
  void settingsReadWholeNumbersInRangeAndIgnoreTheRest() {
    String name = "pmm.test.kernel.setting";
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    try {
      System.setErr(new java.io.PrintStream(captured, true));
      System.clearProperty(name);
      assertEquals(7, KernelThreads.setting(name, 7, 64));
      System.setProperty(name, " 3 ");
      assertEquals(3, KernelThreads.setting(name, 7, 64));
      assertEquals("", captured.toString());
      for (String bad : new String[] {"two", "0", "-4", "65", ""}) {
        System.setProperty(name, bad);
        assertEquals(7, KernelThreads.setting(name, 7, 64), bad);
        String message = captured.toString();
        String expected = "pmm: ignoring -D" + name + "=" + bad
            + " (a whole number from 1 to 64 is expected); using 7";
        assertEquals(expected, message.strip(), bad);
        captured.reset();
      }
    } finally {
      System.setErr(err);
      System.clearProperty(name);
    }
  }
}
