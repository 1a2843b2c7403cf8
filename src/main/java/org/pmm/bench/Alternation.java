package org.pmm.bench;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Times two steppers in alternating rounds (a round of one, then a round of the other, and so
 * on), so that both see the same machine state: other load on a shared machine, thermal state
 * and memory pressure change slowly compared with a round.
 *
 * <pre>{@code
 * Alternation.Times t = Alternation.run(pmmSession, pytorch, 20, 5, round -> {});
 * double pmm = Stats.median(t.first()), torch = Stats.median(t.second());
 * }</pre>
 */
public final class Alternation {
  /** The default number of rounds (fewer when there are fewer steps). */
  public static final int ROUNDS = 5;

  /** Step times of each stepper, in the order they ran. */
  public record Times(double[] first, double[] second) {}

  private Alternation() {}

  /**
   * Runs {@code steps} steps of each stepper in {@code min(rounds, steps)} alternating rounds,
   * {@code first} leading every round; {@code afterRound} hears the 1-based round number.
   */
  public static Times run(Stepper first, Stepper second, int steps, int rounds,
      IntConsumer afterRound) {
    int[] sizes = roundSizes(steps, rounds);
    double[] a = new double[steps];
    double[] b = new double[steps];
    int done = 0;
    for (int r = 0; r < sizes.length; r++) {
      System.arraycopy(checked(first.time(sizes[r]), sizes[r]), 0, a, done, sizes[r]);
      System.arraycopy(checked(second.time(sizes[r]), sizes[r]), 0, b, done, sizes[r]);
      done += sizes[r];
      afterRound.accept(r + 1);
    }
    return new Times(a, b);
  }

  /** {@code steps} split into {@code min(rounds, steps)} rounds as evenly as possible. */
  static int[] roundSizes(int steps, int rounds) {
    if (steps < 1 || rounds < 1) {
      throw new IllegalArgumentException("steps and rounds must be positive, got " + steps
          + " and " + rounds);
    }
    int n = Math.min(rounds, steps);
    int[] sizes = new int[n];
    Arrays.fill(sizes, steps / n);
    for (int i = 0; i < steps % n; i++) {
      sizes[i]++;
    }
    return sizes;
  }

  private static double[] checked(double[] times, int expected) {
    if (times.length != expected) {
      throw new IllegalStateException("a round of " + expected + " steps returned "
          + times.length + " times");
    }
    return times;
  }
}
