package org.pmm.experiment.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Figure 1: number of samples per genre, one bar per genre in column order.
 *
 * <pre>{@code
 * GenreCountsFigure.write(out.resolve("fig1-genre-counts.png"), genres, counts, "all 25,959 rows");
 * }</pre>
 */
public final class GenreCountsFigure {
  /** File name in the output directory (docs/cli.md, outputs). */
  public static final String FILE = "fig1-genre-counts.png";

  private GenreCountsFigure() {}

  /** Draws the counts; {@code rowsDescription} says which rows were counted (x-axis title). */
  public static void write(Path file, List<String> genres, long[] counts, String rowsDescription)
      throws IOException {
    Charts.headless();
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (int j = 0; j < genres.size(); j++) {
      data.addValue(counts[j], "samples", genres.get(j));
    }
    JFreeChart chart = ChartFactory.createBarChart("Samples per genre",
        "Genre (" + rowsDescription + ")", "Number of samples", data, PlotOrientation.VERTICAL,
        false, false, false);
    Charts.style(chart);
    CategoryPlot plot = chart.getCategoryPlot();
    CategoryAxis axis = plot.getDomainAxis();
    axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    axis.setMaximumCategoryLabelLines(1);
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, Charts.SERIES[0]);
    renderer.setItemMargin(0.05);
    Charts.savePng(file, chart, 1100, 600);
  }
}
