package org.pmm.experiment.metrics;

import java.util.List;

/**
 * The four averages of F1 that the paper reports, in the order of its tables. The component names
 * are the JSON field names of {@code results.json} ({@code test}, {@code mean}, {@code std}).
 *
 * <pre>{@code
 * F1Scores s = MultilabelF1.score(probabilities, labels, 0.5);
 * double headline = s.weighted();
 * }</pre>
 */
public record F1Scores(double micro, double macro, double weighted, double samples) {

  /** Metric names in table order, as used in {@code comparisons[].metric}. */
  public static final List<String> METRICS = List.of("micro", "macro", "weighted", "samples");

  /** The value of one metric by its name in {@link #METRICS}. */
  public double get(String metric) {
    switch (metric) {
      case "micro":
        return micro;
      case "macro":
        return macro;
      case "weighted":
        return weighted;
      case "samples":
        return samples;
      default:
        throw new IllegalArgumentException(
            "unknown metric '" + metric + "'; expected one of " + METRICS);
    }
  }
}
