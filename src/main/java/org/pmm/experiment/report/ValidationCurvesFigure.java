package org.pmm.experiment.report;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Figure 2: validation weighted F1 after each epoch, one line per system. The caller decides how
 * far each curve runs (the paper stops one epoch after the best).
 *
 * <pre>{@code
 * ValidationCurvesFigure.write(out.resolve("fig2-validation-curves.png"),
 *     Map.of("GMU baseline", new double[] {0.55, 0.58, 0.59}), "mean over 2 cycles");
 * }</pre>
 */
public final class ValidationCurvesFigure {
  /** File name in the output directory (docs/cli.md, outputs). */
  public static final String FILE = "fig2-validation-curves.png";

  private ValidationCurvesFigure() {}

  /** Draws each curve; element e of a curve is plotted at epoch e + 1. */
  public static void write(Path file, Map<String, double[]> curves, String subtitle)
      throws IOException {
    Charts.headless();
    XYSeriesCollection data = new XYSeriesCollection();
    for (Map.Entry<String, double[]> curve : curves.entrySet()) {
      XYSeries series = new XYSeries(curve.getKey(), false, false);
      double[] values = curve.getValue();
      for (int e = 0; e < values.length; e++) {
        series.add(e + 1, values[e]);
      }
      data.addSeries(series);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(
        "Validation weighted F1 per epoch (" + subtitle + ")", "Epoch", "Validation weighted F1",
        data, PlotOrientation.VERTICAL, true, false, false);
    Charts.style(chart);
    XYPlot plot = chart.getXYPlot();
    NumberAxis epochs = (NumberAxis) plot.getDomainAxis();
    epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int s = 0; s < data.getSeriesCount(); s++) {
      renderer.setSeriesPaint(s, Charts.SERIES[s % Charts.SERIES.length]);
      renderer.setSeriesStroke(s, new BasicStroke(2.5f));
    }
    plot.setRenderer(renderer);
    Charts.savePng(file, chart, 900, 560);
  }
}
