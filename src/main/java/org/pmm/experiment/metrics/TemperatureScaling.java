package org.pmm.experiment.metrics;

/**
 * Temperature scaling of probabilities from sigmoid outputs: one temperature T for every label,
 * {@code p' = sigmoid(logit(p) / T)}, chosen on validation data to minimise the mean binary
 * negative log-likelihood. T > 1 softens over-confident probabilities, T < 1 sharpens timid
 * ones; the order of the probabilities, and so the ranking of movies per genre, is unchanged.
 * The NLL is convex in 1/T (a one-weight logistic regression on the logits), so a golden-section
 * search over log T in [1/20, 20] finds its minimum.
 *
 * <pre>{@code
 * double t = TemperatureScaling.fit(valProbabilities, valLabels);   // 1.7: over-confident
 * double[][] calibrated = TemperatureScaling.apply(testProbabilities, t);
 * }</pre>
 */
public final class TemperatureScaling {
  private static final double LOW = Math.log(1 / 20.0);
  private static final double HIGH = Math.log(20.0);
  private static final double EPS = 1e-7;

  private TemperatureScaling() {}

  /** The temperature minimising the validation NLL. */
  public static double fit(float[][] probabilities, int[][] labels) {
    int n = 0;
    for (float[] row : probabilities) {
      n += row.length;
    }
    double[] logits = new double[n];
    boolean[] positive = new boolean[n];
    int c = 0;
    for (int i = 0; i < probabilities.length; i++) {
      for (int j = 0; j < probabilities[i].length; j++) {
        logits[c] = logit(probabilities[i][j]);
        positive[c++] = labels[i][j] == 1;
      }
    }
    double phi = (Math.sqrt(5) - 1) / 2;
    double a = LOW;
    double b = HIGH;
    double x1 = b - phi * (b - a);
    double x2 = a + phi * (b - a);
    double f1 = nll(logits, positive, Math.exp(x1));
    double f2 = nll(logits, positive, Math.exp(x2));
    for (int it = 0; it < 80 && b - a > 1e-6; it++) {
      if (f1 <= f2) {
        b = x2;
        x2 = x1;
        f2 = f1;
        x1 = b - phi * (b - a);
        f1 = nll(logits, positive, Math.exp(x1));
      } else {
        a = x1;
        x1 = x2;
        f1 = f2;
        x2 = a + phi * (b - a);
        f2 = nll(logits, positive, Math.exp(x2));
      }
    }
    return Math.exp((a + b) / 2);
  }

  /** The probabilities at temperature {@code t}. */
  public static double[][] apply(double[][] probabilities, double t) {
    double[][] out = new double[probabilities.length][];
    for (int i = 0; i < probabilities.length; i++) {
      out[i] = new double[probabilities[i].length];
      for (int j = 0; j < probabilities[i].length; j++) {
        out[i][j] = sigmoid(logit(probabilities[i][j]) / t);
      }
    }
    return out;
  }

  /** Mean binary NLL of the logits at temperature t, computed stably from the logits. */
  static double nll(double[] logits, boolean[] positive, double t) {
    double sum = 0;
    for (int k = 0; k < logits.length; k++) {
      double z = logits[k] / t;
      // -log sigmoid(z) = softplus(-z); -log(1 - sigmoid(z)) = softplus(z)
      sum += softplus(positive[k] ? -z : z);
    }
    return logits.length == 0 ? 0 : sum / logits.length;
  }

  private static double softplus(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }

  private static double logit(double p) {
    double q = Math.min(1 - EPS, Math.max(EPS, p));
    return Math.log(q / (1 - q));
  }

  private static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }
}
