package org.pmm.experiment.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.pmm.experiment.metrics.Calibration;

/**
 * Figure 4, the reliability diagram {@code fig4-calibration.png}: for each system, the fraction
 * of movie × genre pairs that are positive against the mean predicted probability in each of
 * {@link Calibration#BINS} bins, the test predictions of all its cycles pooled (read back from
 * the predictions CSVs of the output directory); a perfectly calibrated system lies on the
 * diagonal.
 *
 * <pre>{@code
 * ReliabilityFigure.write(out.resolve(ReliabilityFigure.FILE), ReliabilityFigure.bins(predictions));
 * }</pre>
 */
public final class ReliabilityFigure {
  /** File name in the output directory. */
  public static final String FILE = "fig4-calibration.png";

  private ReliabilityFigure() {}

  /** Each system's bins over the test predictions of all its cycles, pooled. */
  public static Map<String, List<Calibration.Bin>> bins(
      Map<String, List<PredictionsCsv.Table>> predictions) {
    Map<String, List<Calibration.Bin>> out = new LinkedHashMap<>();
    predictions.forEach((name, tables) -> {
      List<double[]> p = new ArrayList<>();
      List<double[]> y = new ArrayList<>();
      for (PredictionsCsv.Table t : tables) {
        for (int r = 0; r < t.probabilities().length; r++) {
          p.add(t.probabilities()[r]);
          y.add(java.util.Arrays.stream(t.labels()[r]).asDoubleStream().toArray());
        }
      }
      out.put(name, Calibration.bins(p.toArray(double[][]::new), y.toArray(double[][]::new),
          Calibration.BINS));
    });
    return out;
  }

  /** Draws one curve per system over its non-empty bins, and the diagonal. */
  public static void write(Path file, Map<String, List<Calibration.Bin>> systems)
      throws IOException {
    Charts.headless();
    XYSeriesCollection data = new XYSeriesCollection();
    for (Map.Entry<String, List<Calibration.Bin>> system : systems.entrySet()) {
      XYSeries series = new XYSeries(system.getKey(), false, false);
      for (Calibration.Bin b : system.getValue()) {
        if (b.count() > 0) {
          series.add(b.meanProbability(), b.fractionPositive());
        }
      }
      data.addSeries(series);
    }
    XYSeries diagonal = new XYSeries("perfect calibration", false, false);
    diagonal.add(0, 0);
    diagonal.add(1, 1);
    data.addSeries(diagonal);
    JFreeChart chart = ChartFactory.createXYLineChart(
        "Reliability of the test probabilities (" + Calibration.BINS + " bins, cycles pooled)",
        "Mean predicted probability", "Fraction positive", data, PlotOrientation.VERTICAL, true,
        false, false);
    Charts.style(chart);
    XYPlot plot = chart.getXYPlot();
    ((NumberAxis) plot.getDomainAxis()).setRange(0, 1);
    ((NumberAxis) plot.getRangeAxis()).setRange(0, 1);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int s = 0; s < systems.size(); s++) {
      renderer.setSeriesPaint(s, Charts.SERIES[s % Charts.SERIES.length]);
      renderer.setSeriesStroke(s, new BasicStroke(2f));
    }
    int d = systems.size();
    renderer.setSeriesPaint(d, Color.GRAY);
    renderer.setSeriesShapesVisible(d, false);
    renderer.setSeriesStroke(d, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
        10f, new float[] {6f, 6f}, 0f));
    plot.setRenderer(renderer);
    Charts.savePng(file, chart, 800, 800);
  }
}
