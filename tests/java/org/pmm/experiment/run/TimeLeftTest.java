package org.pmm.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The time left is measured after the JIT's warm-up, on a fake clock: slow first steps do not
 * inflate it, nothing is estimated before a step has been timed after them, and work restored
 * from a checkpoint shortens it without changing the rate.
 */
class TimeLeftTest {
  private final AtomicLong now = new AtomicLong();
  private final TimeLeft left = new TimeLeft(now::get, 3);

  private void step(double seconds, double work) {
    now.addAndGet(Math.round(seconds * 1e9));
    left.step(work);
  }

  @Test
  void noEstimateBeforeAStepIsTimedAfterTheWarmUp() {
    left.plan(100);
    assertTrue(left.seconds().isEmpty(), "nothing done yet");
    step(30, 1);
    step(10, 1);
    step(5, 1);
    assertTrue(left.seconds().isEmpty(), "only warm-up steps so far");
    step(1, 1);
    assertTrue(left.seconds().isPresent());
  }

  @Test
  void warmUpStepsDoNotCountInTheRate() {
    left.plan(100);
    step(30, 1);
    step(10, 1);
    step(5, 1);
    for (int i = 0; i < 7; i++) {
      step(1, 1);
    }
    // 1 s per unit after the warm-up, 90 units left; counting the warm-up would say 565 s
    assertEquals(90, left.seconds().getAsDouble(), 1e-9);
  }

  @Test
  void workRestoredFromACheckpointShortensTheTimeLeftNotTheRate() {
    left.plan(100);
    left.doneBefore(50);
    for (int i = 0; i < 3; i++) {
      step(20, 1);
    }
    step(2, 1);
    step(2, 1);
    // 2 s per unit, 100 - 50 - 5 units left
    assertEquals(90, left.seconds().getAsDouble(), 1e-9);
  }

  @Test
  void planningAgainForgetsTheBasis() {
    left.plan(10);
    for (int i = 0; i < 5; i++) {
      step(1, 1);
    }
    left.plan(10);
    assertTrue(left.seconds().isEmpty());
  }
}
