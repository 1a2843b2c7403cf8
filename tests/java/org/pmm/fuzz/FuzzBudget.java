package org.pmm.fuzz;

/**
 * How many inputs a fuzz test tries and from which seed: small by default so that the normal
 * suite stays fast, larger on request.
 *
 * <pre>{@code
 * mvn -B -o test -Dtest=PmmFrontEndFuzzTest -Dpmm.fuzz.count=10000 -Dpmm.fuzz.seed=7
 * }</pre>
 */
record FuzzBudget(int count, long seed) {

  /** Reads {@code pmm.fuzz.count} (default {@code defaultCount}) and {@code pmm.fuzz.seed} (default 1). */
  static FuzzBudget fromSystemProperties(int defaultCount) {
    return new FuzzBudget(Integer.getInteger("pmm.fuzz.count", defaultCount), Long.getLong("pmm.fuzz.seed", 1L));
  }

  /** The seed of input {@code index}, so that one failing input can be replayed alone. */
  long inputSeed(int index) {
    return seed * 1_000_003L + index;
  }
}
