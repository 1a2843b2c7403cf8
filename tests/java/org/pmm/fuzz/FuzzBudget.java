package org.pmm.fuzz;

/**
 * How many inputs a fuzz test tries and from which seed: small by default so that the normal
 * suite stays fast, larger on request.
 *
 * <pre>{@code
 * mvn -B -o test -Dtest=PmmFrontEndFuzzTest -Dpmm.fuzz.count=10000 -Dpmm.fuzz.seed=7
 * mvn -B -o test -Dtest=Hdf5FuzzTest -Dpmm.fuzz.only=260     # replay one input
 * }</pre>
 */
record FuzzBudget(int count, long seed, int only) {

  /**
   * Reads {@code pmm.fuzz.count} (default {@code defaultCount}), {@code pmm.fuzz.seed} (default 1)
   * and {@code pmm.fuzz.only} (replay the one input of that index, printing its outcome).
   */
  static FuzzBudget fromSystemProperties(int defaultCount) {
    return new FuzzBudget(Integer.getInteger("pmm.fuzz.count", defaultCount), Long.getLong("pmm.fuzz.seed", 1L),
        Integer.getInteger("pmm.fuzz.only", -1));
  }

  /** The indices of the inputs to try: 0..count-1, or only the one asked for. */
  java.util.stream.IntStream indices() {
    return only >= 0 ? java.util.stream.IntStream.of(only) : java.util.stream.IntStream.range(0, count);
  }

  /** Number of inputs {@link #indices()} yields. */
  int size() {
    return only >= 0 ? 1 : count;
  }

  /** The seed of input {@code index}, so that one failing input can be replayed alone. */
  long inputSeed(int index) {
    return seed * 1_000_003L + index;
  }
}
