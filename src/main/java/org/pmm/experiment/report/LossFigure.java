package org.pmm.experiment.report;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The training loss per step of one program, as a line ({@code loss.png} of {@code pmm train}
 * for programs outside the experiment suite).
 *
 * <pre>{@code
 * LossFigure.write(out.resolve("loss.png"), new double[] {3.1, 2.7, 2.5}, "models/coin.pmm");
 * }</pre>
 */
public final class LossFigure {
  private LossFigure() {}

  /** Element s of {@code loss} is plotted at step s. */
  public static void write(Path file, double[] loss, String title) throws IOException {
    Charts.headless();
    XYSeries series = new XYSeries("loss", false, false);
    for (int s = 0; s < loss.length; s++) {
      if (Double.isFinite(loss[s])) {
        series.add(s, loss[s]);
      }
    }
    JFreeChart chart = ChartFactory.createXYLineChart("Training loss: " + title, "Step", "Loss",
        new XYSeriesCollection(series), PlotOrientation.VERTICAL, false, false, false);
    Charts.style(chart);
    XYPlot plot = chart.getXYPlot();
    ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    renderer.setSeriesPaint(0, Charts.SERIES[0]);
    renderer.setSeriesStroke(0, new BasicStroke(1.5f));
    plot.setRenderer(renderer);
    Charts.savePng(file, chart, 900, 560);
  }
}
