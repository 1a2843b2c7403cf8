package org.pmm.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pmm.lang.compile.PosteriorDraws;

/**
 * Mean, standard deviation and 5 / 50 / 95 % quantiles of every element of every latent site,
 * from guide draws: {@code summary.csv} (header {@code site,mean,sd,q5,q50,q95}) and the same
 * table for the terminal. Elements are named {@code w[0]}, {@code w[1,2]}; a site of one element
 * by its name alone. The sd divides by S − 1; quantiles interpolate linearly between order statistics
 * (position p·(S − 1)), as numpy's default does.
 *
 * <pre>{@code
 * List<PosteriorSummary.Row> rows = PosteriorSummary.of(PosteriorDraws.draw(program, data, 1000, 0));
 * String csv = PosteriorSummary.csv(rows);
 * }</pre>
 */
public final class PosteriorSummary {
  /** One element's statistics. */
  public record Row(String element, double mean, double sd, double q5, double q50, double q95) {}

  static final String HEADER = "site,mean,sd,q5,q50,q95";

  private PosteriorSummary() {}

  static List<Row> of(Map<String, PosteriorDraws.Samples> draws) {
    List<Row> rows = new ArrayList<>();
    for (PosteriorDraws.Samples s : draws.values()) {
      int elements = s.values()[0].length;
      int n = s.values().length;
      for (int e = 0; e < elements; e++) {
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
          x[k] = s.values()[k][e];
        }
        rows.add(row(element(s.site(), s.shape(), e), x));
      }
    }
    return rows;
  }

  static Row row(String element, double[] x) {
    double mean = Arrays.stream(x).average().orElse(Double.NaN);
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    double sd = x.length > 1 ? Math.sqrt(ss / (x.length - 1)) : 0;
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    return new Row(element, mean, sd, quantile(sorted, 0.05), quantile(sorted, 0.5),
        quantile(sorted, 0.95));
  }

  /** Linear interpolation between the order statistics around position p·(n − 1). */
  static double quantile(double[] sorted, double p) {
    double at = p * (sorted.length - 1);
    int lo = (int) Math.floor(at);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
  }

  /** {@code w[1,2]} for flat position {@code flat} of {@code shape}; the name for a scalar. */
  static String element(String site, long[] shape, int flat) {
    long count = 1;
    for (long d : shape) {
      count *= d;
    }
    if (count == 1) {
      return site; // a scalar, whether its value has shape [] or [1]
    }
    return site + DataBinder.index(flat, shape, ",");
  }

  static String csv(List<Row> rows) {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    for (Row r : rows) {
      b.append(r.element()).append(',').append(number(r.mean())).append(',')
          .append(number(r.sd())).append(',').append(number(r.q5())).append(',')
          .append(number(r.q50())).append(',').append(number(r.q95())).append('\n');
    }
    return b.toString();
  }

  /** The table for the terminal: aligned columns, four significant digits. */
  static String table(List<Row> rows) {
    int width = Math.max(4, rows.stream().mapToInt(r -> r.element().length()).max().orElse(4));
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
        "%-" + width + "s %10s %10s %10s %10s %10s%n", "site", "mean", "sd", "5%", "50%", "95%"));
    for (Row r : rows) {
      b.append(String.format(Locale.ROOT, "%-" + width + "s %10.4g %10.4g %10.4g %10.4g %10.4g%n",
          r.element(), r.mean(), r.sd(), r.q5(), r.q50(), r.q95()));
    }
    return b.toString();
  }

  private static String number(double v) {
    return Double.toString(v);
  }
}
