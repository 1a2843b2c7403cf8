package org.pmm.experiment.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StatisticalLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.pmm.io.AtomicFiles;

/** Shared look of the figures and their atomic PNG output. JFreeChart runs headless. */
final class Charts {
  static {
    // Before any AWT class loads: no display on servers and CI.
    System.setProperty("java.awt.headless", "true");
  }

  /** Colours that stay apart in print and for common colour-vision deficiencies (Okabe-Ito). */
  static final Paint[] SERIES = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
      new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000)};

  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

  private Charts() {}

  /** Makes AWT headless; call before creating any chart. */
  static void headless() {
    // The static initialiser did the work; this method makes the dependency visible at call sites.
  }

  /** White background, light grid, readable fonts. */
  static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setTitle(new TextTitle(chart.getTitle().getText(), TITLE));
    if (chart.getLegend() != null) {
      chart.getLegend().setItemFont(LABEL);
    }
    Plot plot = chart.getPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(Color.GRAY);
    Color grid = new Color(0xDDDDDD);
    if (plot instanceof CombinedDomainCategoryPlot combined) {
      combined.getDomainAxis().setLabelFont(LABEL);
      combined.getDomainAxis().setTickLabelFont(TICK);
      for (Object subplot : combined.getSubplots()) {
        CategoryPlot p = (CategoryPlot) subplot;
        p.setBackgroundPaint(Color.WHITE);
        p.setOutlinePaint(Color.GRAY);
        p.setRangeGridlinePaint(grid);
        p.setRangeGridlineStroke(new BasicStroke(1f));
        p.getRangeAxis().setLabelFont(LABEL);
        p.getRangeAxis().setTickLabelFont(TICK);
      }
    } else if (plot instanceof CategoryPlot p) {
      p.setRangeGridlinePaint(grid);
      p.setRangeGridlineStroke(new BasicStroke(1f));
      p.getDomainAxis().setLabelFont(LABEL);
      p.getDomainAxis().setTickLabelFont(TICK);
      p.getRangeAxis().setLabelFont(LABEL);
      p.getRangeAxis().setTickLabelFont(TICK);
    } else if (plot instanceof XYPlot p) {
      p.setRangeGridlinePaint(grid);
      p.setDomainGridlinePaint(grid);
      p.getDomainAxis().setLabelFont(LABEL);
      p.getDomainAxis().setTickLabelFont(TICK);
      p.getRangeAxis().setLabelFont(LABEL);
      p.getRangeAxis().setTickLabelFont(TICK);
    }
  }

  /**
   * Markers with error bars and no lines, one colour and shape per series (circles and squares
   * alternating): the dot plots of Figures 3 and 6.
   */
  static StatisticalLineAndShapeRenderer dotRenderer(int series) {
    StatisticalLineAndShapeRenderer renderer = new StatisticalLineAndShapeRenderer(false, true);
    Shape[] shapes = {new Ellipse2D.Double(-5, -5, 10, 10),
        new Rectangle2D.Double(-4.5, -4.5, 9, 9)};
    for (int s = 0; s < series; s++) {
      renderer.setSeriesPaint(s, SERIES[s % SERIES.length]);
      renderer.setSeriesShape(s, shapes[s % shapes.length]);
    }
    return renderer;
  }

  /** Writes the chart as a PNG of the given size, atomically. */
  static void savePng(Path file, JFreeChart chart, int width, int height) throws IOException {
    AtomicFiles.writeStream(file, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
  }
}
