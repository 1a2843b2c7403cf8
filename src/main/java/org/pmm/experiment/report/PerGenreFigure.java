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
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StatisticalLineAndShapeRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * Figure 3: per-genre F1 of a few systems as dot plots with error bars (± one standard deviation
 * over cycles), one row per genre in column order: on the left the paper's weighted F1 of each
 * genre, on the right the F1 of its positive class. The two differ most for rare genres, where
 * the weighted F1 is near 1 even for a genre never predicted (the negative class dominates) and
 * the positive-class F1 is 0. Dots rather than bars because weighted values sit between about 0.6
 * and 1, and bars that do not start at 0 mislead.
 *
 * <pre>{@code
 * PerGenreFigure.write(out.resolve("fig3-per-genre.png"), genres,
 *     Map.of("GMU baseline", new PerGenreFigure.Scores(weighted, positive)), "mean ± sd over 5 cycles");
 * }</pre>
 */
public final class PerGenreFigure {
  /** File name in the output directory (docs/cli.md, outputs). */
  public static final String FILE = "fig3-per-genre.png";

  /** A system's per-genre scores: weighted F1 and positive-class F1, with their spreads. */
  public record Scores(CurveBand weighted, CurveBand positive) {}

  private PerGenreFigure() {}

  /** Draws one marker with its error bar per (genre, system) in each panel. */
  public static void write(Path file, List<String> genres, Map<String, Scores> systems,
      String subtitle) throws IOException {
    Charts.headless();
    CategoryAxis genreAxis = new CategoryAxis("Genre");
    CombinedDomainCategoryPlot combined = new CombinedDomainCategoryPlot(genreAxis);
    combined.add(panel(genres, systems, true, "Weighted F1 of the genre"), 1);
    combined.add(panel(genres, systems, false, "F1 of the positive class"), 1);
    combined.setOrientation(PlotOrientation.HORIZONTAL);
    combined.setGap(16);
    JFreeChart chart = new JFreeChart("Per-genre F1 (" + subtitle + ")", combined);
    Charts.style(chart);
    Charts.savePng(file, chart, 1200, 900);
  }

  private static CategoryPlot panel(List<String> genres, Map<String, Scores> systems,
      boolean weighted, String label) {
    DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
    for (Map.Entry<String, Scores> system : systems.entrySet()) {
      CurveBand band = weighted ? system.getValue().weighted() : system.getValue().positive();
      for (int j = 0; j < genres.size(); j++) {
        data.add(band.mean()[j], band.sd()[j], system.getKey(), genres.get(j));
      }
    }
    NumberAxis valueAxis = new NumberAxis(label);
    valueAxis.setAutoRangeIncludesZero(!weighted);
    StatisticalLineAndShapeRenderer renderer = Charts.dotRenderer(systems.size());
    for (int s = 0; s < systems.size(); s++) {
      renderer.setSeriesVisibleInLegend(s, weighted);   // one legend for both panels
    }
    CategoryPlot plot = new CategoryPlot(data, null, valueAxis, renderer);
    plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
    plot.setDomainGridlinesVisible(true);
    plot.setDomainGridlinePaint(new java.awt.Color(0xEEEEEE));
    return plot;
  }
}
