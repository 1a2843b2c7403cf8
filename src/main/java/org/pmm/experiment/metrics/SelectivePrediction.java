package org.pmm.experiment.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Selective prediction: the weighted F1 of the movies a system is most confident about, when
 * the k % it is least confident about are left out (k = 0, 5, ..., 50), and the area under that
 * risk–coverage curve. A movie's confidence is the mean over genres of |p − threshold|, how far
 * its probabilities are from the decision: the same measure for every system, so that the curves
 * compare how well their probabilities rank their own errors.
 *
 * <pre>{@code
 * SelectivePrediction.Curve c = SelectivePrediction.curve(probabilities, labels, 0.5);
 * c.weightedF1()[10];   // with the least confident half left out
 * c.area();             // mean height of the curve over coverage 0.5 .. 1
 * }</pre>
 */
public final class SelectivePrediction {
  /** Percentages of movies left out: 0, 5, ..., 50. */
  public static final int[] LEFT_OUT = {0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50};

  /** Coverage (share of movies kept) and the weighted F1 on them, per point of {@link #LEFT_OUT}. */
  public record Curve(double[] coverage, double[] weightedF1) {
    /**
     * The area under weighted F1 against coverage (trapezoids), divided by the coverage it
     * spans: the curve's mean height.
     */
    public double area() {
      double area = 0;
      for (int i = 1; i < coverage.length; i++) {
        area += (coverage[i - 1] - coverage[i]) * (weightedF1[i - 1] + weightedF1[i]) / 2;
      }
      return area / (coverage[0] - coverage[coverage.length - 1]);
    }
  }

  private SelectivePrediction() {}

  /**
   * The curve of probabilities {@code p[movie][genre]} against 0/1 {@code labels}, movies
   * ranked by their margin (mean |p − threshold|).
   */
  public static Curve curve(double[][] p, int[][] labels, double threshold) {
    double[] confidence = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      double sum = 0;
      for (double v : p[i]) {
        sum += Math.abs(v - threshold);
      }
      confidence[i] = p[i].length == 0 ? 0 : sum / p[i].length;
    }
    return curve(p, labels, threshold, confidence);
  }

  /**
   * A movie's confidence from its predictive spread: minus the mean over genres of the
   * standard deviation of its probability over draws (the least spread is the most confident).
   */
  public static double[] confidenceFromSpread(float[][] sd) {
    double[] confidence = new double[sd.length];
    for (int i = 0; i < sd.length; i++) {
      double sum = 0;
      for (float v : sd[i]) {
        sum += v;
      }
      confidence[i] = sd[i].length == 0 ? 0 : -sum / sd[i].length;
    }
    return confidence;
  }

  /** The curve with movies ranked by a given confidence (higher kept first). */
  public static Curve curve(double[][] p, int[][] labels, double threshold,
      double[] confidence) {
    int n = p.length;
    if (confidence.length != n) {
      throw new IllegalArgumentException(n + " movies but " + confidence.length
          + " confidences");
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // most confident first; ties keep the file's order, so the curve repeats
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -confidence[i]));
    double[] coverage = new double[LEFT_OUT.length];
    double[] f1 = new double[LEFT_OUT.length];
    for (int k = 0; k < LEFT_OUT.length; k++) {
      int kept = (int) Math.round(n * (100 - LEFT_OUT[k]) / 100.0);
      List<double[]> keptP = new ArrayList<>();
      List<int[]> keptY = new ArrayList<>();
      for (int r = 0; r < kept; r++) {
        keptP.add(p[order[r]]);
        keptY.add(labels[order[r]]);
      }
      coverage[k] = (double) kept / n;
      f1[k] = MultilabelF1.score(keptP.toArray(double[][]::new), keptY.toArray(int[][]::new),
          threshold).weighted();
    }
    return new Curve(coverage, f1);
  }
}
