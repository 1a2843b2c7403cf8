package org.pmm.experiment.report;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.pmm.experiment.metrics.MeanStd;
import org.pmm.experiment.metrics.SelectivePrediction;

/**
 * Figure 5, selective prediction {@code fig5-selective.png}: each system's test weighted F1 when
 * the movies it is least confident about are left out (0 to 50 %), the mean over its cycles'
 * curves (read back from the predictions CSVs), labelled with the area under the curve (mean ±
 * sd over cycles). A curve that rises faster ranks its own errors better.
 *
 * <pre>{@code
 * SelectiveFigure.write(out.resolve(SelectiveFigure.FILE), SelectiveFigure.curves(predictions, 0.5));
 * }</pre>
 */
public final class SelectiveFigure {
  /** File name in the output directory. */
  public static final String FILE = "fig5-selective.png";

  /** A system's curves, one per cycle. */
  public record SystemCurves(List<SelectivePrediction.Curve> cycles) {
    /** The mean weighted F1 over cycles at each coverage. */
    double[] meanF1() {
      int points = cycles.get(0).weightedF1().length;
      double[] mean = new double[points];
      for (SelectivePrediction.Curve c : cycles) {
        for (int i = 0; i < points; i++) {
          mean[i] += c.weightedF1()[i] / cycles.size();
        }
      }
      return mean;
    }

    /** The area under the curve, mean and sd over cycles. */
    public MeanStd area() {
      return MeanStd.of(cycles.stream().mapToDouble(SelectivePrediction.Curve::area).toArray());
    }
  }

  private SelectiveFigure() {}

  /** Each system's curves, one per cycle's test predictions. */
  public static Map<String, SystemCurves> curves(Map<String, List<PredictionsCsv.Table>> predictions,
      double threshold) {
    Map<String, SystemCurves> out = new LinkedHashMap<>();
    predictions.forEach((name, tables) -> out.put(name, new SystemCurves(tables.stream()
        .map(t -> SelectivePrediction.curve(t.probabilities(), t.labels(), threshold)).toList())));
    return out;
  }

  /** Draws each system's mean curve, labelled with its area. */
  public static void write(Path file, Map<String, SystemCurves> systems) throws IOException {
    Charts.headless();
    XYSeriesCollection data = new XYSeriesCollection();
    for (Map.Entry<String, SystemCurves> system : systems.entrySet()) {
      MeanStd area = system.getValue().area();
      XYSeries series = new XYSeries(String.format(Locale.ROOT, "%s (area %.3f ± %.3f)",
          system.getKey(), area.mean(), area.std()), false, false);
      double[] f1 = system.getValue().meanF1();
      double[] coverage = system.getValue().cycles().get(0).coverage();
      for (int i = 0; i < f1.length; i++) {
        series.add(coverage[i], f1[i]);
      }
      data.addSeries(series);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(
        "Selective prediction: test weighted F1 of the most confident movies",
        "Coverage (share of test movies kept)", "Weighted F1", data, PlotOrientation.VERTICAL,
        true, false, false);
    Charts.style(chart);
    XYPlot plot = chart.getXYPlot();
    ((NumberAxis) plot.getDomainAxis()).setInverted(true);
    NumberAxis f1 = (NumberAxis) plot.getRangeAxis();
    f1.setAutoRangeIncludesZero(false);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (SystemCurves c : systems.values()) {
      for (double v : c.meanF1()) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (hi > lo) {
      f1.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(
          ValidationCurvesFigure.niceStep((hi - lo) / 5)));
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int s = 0; s < systems.size(); s++) {
      renderer.setSeriesPaint(s, Charts.SERIES[s % Charts.SERIES.length]);
      renderer.setSeriesStroke(s, new BasicStroke(2f));
    }
    plot.setRenderer(renderer);
    Charts.savePng(file, chart, 900, 700);
  }
}
