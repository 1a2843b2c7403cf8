package org.pmm.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rounds alternate between the two steppers and every step time lands in order. */
class AlternationTest {
  /** A stepper whose i-th step (0-based, over all rounds) takes {@code base + i} seconds. */
  private static Stepper recording(String name, double base, List<String> log) {
    int[] count = {0};
    return steps -> {
      log.add(name + steps);
      double[] t = new double[steps];
      for (int i = 0; i < steps; i++) {
        t[i] = base + count[0]++;
      }
      return t;
    };
  }

  @Test
  void alternatesRoundsWithTheFirstLeading() {
    List<String> log = new ArrayList<>();
    List<Integer> rounds = new ArrayList<>();
    Alternation.Times t = Alternation.run(recording("pmm", 100, log),
        recording("torch", 200, log), 7, 5, rounds::add);
    assertEquals(List.of("pmm2", "torch2", "pmm2", "torch2", "pmm1", "torch1", "pmm1", "torch1",
        "pmm1", "torch1"), log);
    assertEquals(List.of(1, 2, 3, 4, 5), rounds);
    assertArrayEquals(new double[] {100, 101, 102, 103, 104, 105, 106}, t.first(), 0.0);
    assertArrayEquals(new double[] {200, 201, 202, 203, 204, 205, 206}, t.second(), 0.0);
  }

  @Test
  void fewerStepsThanRoundsGiveOneStepPerRound() {
    assertArrayEquals(new int[] {1, 1, 1}, Alternation.roundSizes(3, 5));
    assertArrayEquals(new int[] {4, 4, 4, 4, 4}, Alternation.roundSizes(20, 5));
    assertArrayEquals(new int[] {5, 5, 4, 4, 4}, Alternation.roundSizes(22, 5));
    assertThrows(IllegalArgumentException.class, () -> Alternation.roundSizes(0, 5));
  }

  @Test
  void aStepperReturningTheWrongNumberOfTimesIsAnError() {
    Stepper short1 = steps -> new double[steps - 1];
    Stepper fine = double[]::new;
    assertThrows(IllegalStateException.class, () -> Alternation.run(fine, short1, 4, 2, r -> {}));
  }
}
