package org.pmm.experiment.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * Figure 6: what the fusion gate learned: per genre, the gate's mean activation over the test
 * movies of that genre (the image representation's share of the fused one; 0.5 weighs text and
 * image equally), mean ± sd over cycles, one marker per system, as the GMU paper's analysis.
 *
 * <pre>{@code
 * GateFigure.write(out.resolve(GateFigure.FILE), genres, Map.of("GMU baseline", band));
 * }</pre>
 */
public final class GateFigure {
  /** File name in the output directory (docs/cli.md, outputs). */
  public static final String FILE = "fig6-gate.png";

  private GateFigure() {}

  /** Draws one marker with its error bar per (genre, system); {@code NaN} means no movie. */
  public static void write(Path file, List<String> genres, Map<String, CurveBand> systems)
      throws IOException {
    Charts.headless();
    DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
    for (Map.Entry<String, CurveBand> system : systems.entrySet()) {
      for (int j = 0; j < genres.size(); j++) {
        double m = system.getValue().mean()[j];
        if (!Double.isNaN(m)) {
          data.add(m, system.getValue().sd()[j], system.getKey(), genres.get(j));
        }
      }
    }
    NumberAxis valueAxis = new NumberAxis("Gate activation: the image's share (0 text, 1 image)");
    valueAxis.setAutoRangeIncludesZero(false);
    CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("Genre"), valueAxis,
        Charts.dotRenderer(systems.size()));
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
    plot.setDomainGridlinesVisible(true);
    plot.setDomainGridlinePaint(new java.awt.Color(0xEEEEEE));
    JFreeChart chart = new JFreeChart("Mean gate activation per genre (test set)", plot);
    Charts.style(chart);
    Charts.savePng(file, chart, 1000, 900);
  }
}
