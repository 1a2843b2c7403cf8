package org.pmm.experiment.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pmm.experiment.metrics.MeanStd;

/** A Markdown table built row by row, plus the number formats the report uses. */
final class MarkdownTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  MarkdownTable(String... header) {
    this.header = List.of(header);
  }

  MarkdownTable row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException("row has " + cells.length + " cells; table has "
          + header.size() + " columns");
    }
    rows.add(List.of(cells));
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The table, each line ending with a newline; numeric-looking columns are right-aligned. */
  String render() {
    StringBuilder sb = new StringBuilder();
    line(sb, header);
    List<String> rule = new ArrayList<>();
    for (int c = 0; c < header.size(); c++) {
      rule.add(c > 0 && numeric(c) ? "--:" : "---");
    }
    sb.append("|").append(String.join("|", rule)).append("|\n");
    for (List<String> row : rows) {
      line(sb, row);
    }
    return sb.toString();
  }

  /** Whether every cell of column c reads as a number (or a dash): such columns align right. */
  private boolean numeric(int c) {
    for (List<String> row : rows) {
      if (!row.get(c).matches("^([−+-]?[0-9].*|—|n/a)$")) {
        return false;
      }
    }
    return true;
  }

  private static void line(StringBuilder sb, List<String> cells) {
    sb.append("|");
    for (String cell : cells) {
      sb.append(' ').append(escape(cell)).append(" |");
    }
    sb.append('\n');
  }

  /** A cell's text with the characters that would break a table row escaped. */
  static String escape(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  /** Three decimals, the precision of the paper's tables; "n/a" for NaN. */
  static String f3(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }

  /** "0.612 ± 0.004". */
  static String meanStd(double mean, double std) {
    return f3(mean) + " ± " + f3(std);
  }

  /** Values over cycles: the value alone for one cycle, else "mean ± sd" (n − 1). */
  static String overCycles(double[] values) {
    if (values.length == 1) {
      return f3(values[0]);
    }
    MeanStd m = MeanStd.of(values);
    return meanStd(m.mean(), m.std());
  }

  /** "+0.006" or "−0.006" (minus sign), three decimals. */
  static String signed(double v) {
    if (Math.abs(v) < 0.0005) {
      return "0.000"; // no "−0.000" for a difference that rounds to nothing
    }
    String s = String.format(Locale.ROOT, "%+.3f", v);
    return s.replace("-", "−");
  }

  /** "p = 0.0114" (three significant digits) or "p < 0.001". */
  static String pEquals(double p) {
    return p < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3g", p);
  }

  /** A t statistic: two decimals with a minus sign. */
  static String tValue(double t) {
    return String.format(Locale.ROOT, "%.2f", t).replace("-", "−");
  }

  /** Seconds: two decimals. */
  static String seconds(double s) {
    return String.format(Locale.ROOT, "%.2f", s);
  }
}
