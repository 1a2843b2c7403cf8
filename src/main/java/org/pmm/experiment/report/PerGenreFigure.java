package org.pmm.experiment.report;

import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Figure 3: per-genre weighted F1 of a few systems as a dot plot, one row per genre in column
 * order and one marker per system. Dots rather than bars because the values sit between about 0.6
 * and 1 (the negative class dominates rare genres), and bars that do not start at 0 mislead.
 *
 * <pre>{@code
 * PerGenreFigure.write(out.resolve("fig3-per-genre.png"), genres,
 *     Map.of("PM+MO (λKL+L2)", pmmoMeans, "GMU baseline", gmuMeans), "mean over 5 cycles");
 * }</pre>
 */
public final class PerGenreFigure {
  /** File name in the output directory (docs/cli.md, outputs). */
  public static final String FILE = "fig3-per-genre.png";

  private PerGenreFigure() {}

  /** Draws one marker per (genre, system); values are in genre order. */
  public static void write(Path file, List<String> genres, Map<String, double[]> systems,
      String subtitle) throws IOException {
    Charts.headless();
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Map.Entry<String, double[]> system : systems.entrySet()) {
      for (int j = 0; j < genres.size(); j++) {
        data.addValue(system.getValue()[j], system.getKey(), genres.get(j));
      }
    }
    CategoryAxis genreAxis = new CategoryAxis("Genre");
    NumberAxis valueAxis = new NumberAxis("Weighted F1 of the genre (" + subtitle + ")");
    valueAxis.setAutoRangeIncludesZero(false);
    LineAndShapeRenderer renderer = new LineAndShapeRenderer(false, true);
    java.awt.Shape[] shapes = {new Ellipse2D.Double(-5, -5, 10, 10),
        new Rectangle2D.Double(-4.5, -4.5, 9, 9)};
    for (int s = 0; s < systems.size(); s++) {
      renderer.setSeriesPaint(s, Charts.SERIES[s % Charts.SERIES.length]);
      renderer.setSeriesShape(s, shapes[s % shapes.length]);
    }
    CategoryPlot plot = new CategoryPlot(data, genreAxis, valueAxis, renderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    // With a horizontal orientation "bottom or right" puts the value axis at the bottom.
    plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT);
    plot.setDomainGridlinesVisible(true);
    JFreeChart chart = new JFreeChart("Per-genre weighted F1", plot);
    Charts.style(chart);
    plot.setDomainGridlinePaint(new java.awt.Color(0xEEEEEE));
    Charts.savePng(file, chart, 900, 900);
  }
}
