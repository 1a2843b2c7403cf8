package org.pmm.experiment.report;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Figure 2: validation weighted F1 after every epoch, one line per system (the mean over cycles)
 * with a band of one standard deviation over cycles, and a y-axis of about five ticks.
 *
 * <pre>{@code
 * ValidationCurvesFigure.write(out.resolve("fig2-validation-curves.png"),
 *     FigureData.validationCurves(results), "mean ± sd over 2 cycles");
 * }</pre>
 */
public final class ValidationCurvesFigure {
  /** File name in the output directory (docs/cli.md, outputs). */
  public static final String FILE = "fig2-validation-curves.png";

  private ValidationCurvesFigure() {}

  /** Draws each curve; element e is plotted at epoch e + 1, its band at mean ± sd. */
  public static void write(Path file, Map<String, CurveBand> curves, String subtitle)
      throws IOException {
    write(file, curves, "Validation weighted F1 per epoch (" + subtitle + ")",
        "Validation weighted F1", true);
  }

  /**
   * Curves over epochs with their bands, titled {@code title}, the value axis labelled {@code
   * value}; with {@code legend} a legend of the curves' names (one curve needs none).
   */
  static void write(Path file, Map<String, CurveBand> curves, String title, String value,
      boolean legend) throws IOException {
    Charts.headless();
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Map.Entry<String, CurveBand> curve : curves.entrySet()) {
      YIntervalSeries series = new YIntervalSeries(curve.getKey(), false, false);
      double[] mean = curve.getValue().mean();
      double[] sd = curve.getValue().sd();
      for (int e = 0; e < mean.length; e++) {
        series.add(e + 1, mean[e], mean[e] - sd[e], mean[e] + sd[e]);
        lo = Math.min(lo, mean[e] - sd[e]);
        hi = Math.max(hi, mean[e] + sd[e]);
      }
      data.addSeries(series);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, "Epoch", value, data,
        PlotOrientation.VERTICAL, legend, false, false);
    Charts.style(chart);
    XYPlot plot = chart.getXYPlot();
    NumberAxis epochs = (NumberAxis) plot.getDomainAxis();
    epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    NumberAxis f1 = (NumberAxis) plot.getRangeAxis();
    f1.setAutoRangeIncludesZero(false);
    if (hi > lo) {
      f1.setTickUnit(new NumberTickUnit(niceStep((hi - lo) / 5)));
    }
    DeviationRenderer renderer = new DeviationRenderer(true, true);
    for (int s = 0; s < data.getSeriesCount(); s++) {
      renderer.setSeriesPaint(s, Charts.SERIES[s % Charts.SERIES.length]);
      renderer.setSeriesFillPaint(s, Charts.SERIES[s % Charts.SERIES.length]);
      renderer.setSeriesStroke(s, new BasicStroke(2.5f));
    }
    renderer.setAlpha(0.2f);
    plot.setRenderer(renderer);
    Charts.savePng(file, chart, 900, 560);
  }

  /** The step of 1, 2 or 5 times a power of ten nearest above {@code raw}. */
  static double niceStep(double raw) {
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * power >= raw) {
        return m * power;
      }
    }
    return 10 * power;
  }
}
