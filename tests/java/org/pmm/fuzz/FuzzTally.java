package org.pmm.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Counts the outcomes of a fuzz run by kind and category, remembers the slowest input (printed,
 * never asserted), and keeps the failures with their inputs saved under
 * {@code target/fuzz-failures/} so that each can be reproduced with {@code pmm check} or a reader.
 *
 * <pre>{@code
 * FuzzTally tally = new FuzzTally("pmm front end");
 * tally.record("rejected", "unknown name", 1_200_000L, "input 17");
 * System.out.println(tally.summary());
 * }</pre>
 */
final class FuzzTally {
  private static final int MAX_KEPT_FAILURES = 20;

  private final String name;
  private final Map<String, Integer> outcomes = new TreeMap<>();
  private final Map<String, Integer> categories = new TreeMap<>();
  private final List<String> failures = new ArrayList<>();
  /** The first inputs run in a cold JVM (class loading, JIT); their time says little about the input. */
  private static final int WARM_UP = 20;

  private long slowestNanos = -1;
  private String slowestInput = "";
  private long slowestWarmNanos = -1;
  private String slowestWarmInput = "";
  private long totalNanos;
  private String lastCategory = "";
  private int inputs;

  FuzzTally(String name) {
    this.name = name;
  }

  void record(String outcome, String category, long nanos, String input) {
    inputs++;
    totalNanos += nanos;
    outcomes.merge(outcome, 1, Integer::sum);
    lastCategory = outcome + " / " + category;
    categories.merge(outcome + " / " + category, 1, Integer::sum);
    if (nanos > slowestNanos) {
      slowestNanos = nanos;
      slowestInput = input;
    }
    if (inputs > WARM_UP && nanos > slowestWarmNanos) {
      slowestWarmNanos = nanos;
      slowestWarmInput = input;
    }
  }

  /** Records a failure; its input is written to {@code target/fuzz-failures/fileName}. */
  void fail(String description, String fileName, byte[] input) {
    if (failures.size() >= MAX_KEPT_FAILURES) {
      failures.add("(more failures not shown)");
      return;
    }
    failures.add(description + save(fileName, input));
  }

  /** Writes an input to {@code target/fuzz-failures/fileName} and says where (or why not). */
  static String save(String fileName, byte[] input) {
    try {
      Path directory = Files.createDirectories(Path.of("target", "fuzz-failures"));
      Path file = directory.resolve(fileName);
      Files.write(file, input);
      return " [input saved as " + file + "]";
    } catch (IOException e) {
      return " [input not saved: " + e.getMessage() + "]";
    }
  }

  List<String> failures() {
    return failures.stream().distinct().toList();
  }

  int count(String outcome) {
    return outcomes.getOrDefault(outcome, 0);
  }

  int inputs() {
    return inputs;
  }

  String summary() {
    if (inputs == 1) {
      return String.format("%s fuzz: %s: %s in %.1f ms", name, slowestInput, lastCategory, slowestNanos / 1e6);
    }
    String byCategory = categories.entrySet().stream()
        .map(e -> String.format("  %6d  %s", e.getValue(), e.getKey()))
        .collect(Collectors.joining("\n"));
    return String.format("%s fuzz: %d inputs, %s%n%s%n  slowest input: %.1f ms (%s)%n"
        + "  slowest after the first %d (warm JVM): %.1f ms (%s)%n  total %.1f s, mean %.2f ms",
        name, inputs, outcomes, byCategory, slowestNanos / 1e6, slowestInput, WARM_UP,
        slowestWarmNanos / 1e6, slowestWarmInput, totalNanos / 1e9, totalNanos / 1e6 / Math.max(1, inputs));
  }
}
