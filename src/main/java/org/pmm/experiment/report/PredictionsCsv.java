package org.pmm.experiment.report;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pmm.base.UserError;
import org.pmm.io.AtomicFiles;

/**
 * {@code predictions-<slug>-cycle<k>.csv} (docs/cli.md): header
 * {@code imdb_id,p_<genre>...,y_<genre>...} with the genres in column order, one row per test
 * movie, the id exactly as stored (leading zeros kept), probabilities as plain decimals (the
 * shortest decimal that reads back to the same number, never scientific notation) and labels as
 * 0/1. Fields are quoted as RFC 4180 asks when they hold a comma, a quote or a line break; lines
 * end with CRLF as RFC 4180 prescribes. Written atomically.
 *
 * <pre>{@code
 * PredictionsCsv.write(out.resolve(PredictionsCsv.fileName("gmu", 0)), genres, ids, probs, labels);
 * }</pre>
 */
public final class PredictionsCsv {
  private static final String EOL = "\r\n";

  private PredictionsCsv() {}

  /** The contents of a predictions file. */
  public record Table(List<String> genres, List<String> imdbIds, double[][] probabilities,
      int[][] labels) {}

  /** {@code predictions-<slug>-cycle<k>.csv}; k is the caller's cycle number. */
  public static String fileName(String slug, int cycle) {
    return "predictions-" + slug + "-cycle" + cycle + ".csv";
  }

  /** Writes double-precision probabilities (rows × genres) and 0/1 labels. */
  public static void write(Path file, List<String> genres, List<String> imdbIds,
      double[][] probabilities, int[][] labels) throws IOException {
    checkShapes(genres, imdbIds, probabilities.length, labels);
    writeRows(file, genres, imdbIds, labels, i -> probabilities[i].length,
        (i, j) -> decimal(probabilities[i][j]));
  }

  /** As {@link #write(Path, List, List, double[][], int[][])} for single-precision probabilities. */
  public static void write(Path file, List<String> genres, List<String> imdbIds,
      float[][] probabilities, int[][] labels) throws IOException {
    checkShapes(genres, imdbIds, probabilities.length, labels);
    // Float.toString is the shortest decimal of the float; widening to double would print 0.1f
    // as 0.10000000149011612.
    writeRows(file, genres, imdbIds, labels, i -> probabilities[i].length,
        (i, j) -> decimal(probabilities[i][j]));
  }

  /** A single-precision value as its shortest plain decimal ("0.1", not 0.10000000149011612). */
  static String decimal(float p) {
    return plain(Float.isFinite(p) ? new BigDecimal(Float.toString(p)) : null, p);
  }

  /** How many probabilities row i has, and the decimal text of probability (i, j). */
  private interface RowWidth {
    int of(int row);
  }

  private interface Cell {
    String text(int row, int column);
  }

  private static void writeRows(Path file, List<String> genres, List<String> imdbIds,
      int[][] labels, RowWidth width, Cell cell) throws IOException {
    AtomicFiles.writeStream(file, out -> {
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      writeHeader(w, genres);
      for (int i = 0; i < imdbIds.size(); i++) {
        checkWidth(width.of(i), genres.size(), i);
        w.write(field(imdbIds.get(i)));
        for (int j = 0; j < width.of(i); j++) {
          w.write(',');
          w.write(cell.text(i, j));
        }
        writeLabels(w, labels[i]);
      }
      w.flush();
    });
  }

  /**
   * The predictions files of a system's cycles found in {@code dir}, in cycle order (a cycle
   * whose file is missing is left out): what the calibration and selective-prediction figures
   * read back.
   */
  static List<Table> ofCycles(Path dir, SystemResult system) throws IOException {
    String slug = system.slug();
    int cycles = system.cycles().size();
    List<Table> tables = new ArrayList<>();
    for (int k = 0; k < cycles; k++) {
      Path csv = dir.resolve(fileName(slug, k));
      if (Files.isRegularFile(csv)) {
        tables.add(read(csv));
      }
    }
    return tables;
  }

  /**
   * The predictions files of every system's cycles found in {@code dir}, by system name (systems
   * without any file left out), read once for all the figures that need them.
   */
  static Map<String, List<Table>> ofSystems(Path dir, ExperimentResults results)
      throws IOException {
    Map<String, List<Table>> out = new LinkedHashMap<>();
    for (SystemResult s : results.systems()) {
      List<Table> tables = ofCycles(dir, s);
      if (!tables.isEmpty()) {
        out.put(s.name(), tables);
      }
    }
    return out;
  }

  /** Reads a file written by {@link #write}; a malformed file is a {@link UserError}. */
  public static Table read(Path file) throws IOException {
    List<List<String>> records;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      records = CsvRecords.parse(r);
    }
    if (records.isEmpty()) {
      throw new UserError("predictions file '" + file + "' is empty");
    }
    List<String> header = records.get(0);
    int g = (header.size() - 1) / 2;
    if (header.size() != 2 * g + 1 || !header.get(0).equals("imdb_id")) {
      throw new UserError("predictions file '" + file + "' has a malformed header");
    }
    List<String> genres = new ArrayList<>();
    for (int j = 0; j < g; j++) {
      genres.add(header.get(1 + j).substring(2));
    }
    List<String> ids = new ArrayList<>();
    double[][] p = new double[records.size() - 1][g];
    int[][] y = new int[records.size() - 1][g];
    for (int i = 1; i < records.size(); i++) {
      List<String> rec = records.get(i);
      if (rec.size() != header.size()) {
        throw new UserError("predictions file '" + file + "' line " + (i + 1) + " has "
            + rec.size() + " fields; expected " + header.size());
      }
      ids.add(rec.get(0));
      try {
        for (int j = 0; j < g; j++) {
          p[i - 1][j] = Double.parseDouble(rec.get(1 + j));
          y[i - 1][j] = Integer.parseInt(rec.get(1 + g + j));
        }
      } catch (NumberFormatException e) {
        throw new UserError("predictions file '" + file + "' line " + (i + 1)
            + " has a field that is not a number: " + e.getMessage());
      }
    }
    return new Table(genres, ids, p, y);
  }

  /** A probability as a plain decimal: "0.25", "1", "0.000012"; "NaN" if not finite. */
  static String decimal(double p) {
    return plain(Double.isFinite(p) ? BigDecimal.valueOf(p) : null, p);
  }

  private static String plain(BigDecimal value, double original) {
    if (value == null) {
      return Double.toString(original);
    }
    String s = value.stripTrailingZeros().toPlainString();
    return s.equals("-0") ? "0" : s;
  }

  /** An RFC 4180 field: quoted, with quotes doubled, only when it needs to be. */
  static String field(String value) {
    boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0
        || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  private static void writeHeader(Writer w, List<String> genres) throws IOException {
    w.write("imdb_id");
    for (String g : genres) {
      w.write(',');
      w.write(field("p_" + g));
    }
    for (String g : genres) {
      w.write(',');
      w.write(field("y_" + g));
    }
    w.write(EOL);
  }

  private static void writeLabels(Writer w, int[] labels) throws IOException {
    for (int y : labels) {
      w.write(',');
      w.write(Integer.toString(y));
    }
    w.write(EOL);
  }

  private static void checkShapes(List<String> genres, List<String> ids, int probabilityRows,
      int[][] labels) {
    if (probabilityRows != ids.size() || labels.length != ids.size()) {
      throw new IllegalArgumentException("predictions need as many ids (" + ids.size()
          + "), probability rows (" + probabilityRows + ") and label rows (" + labels.length
          + ")");
    }
    for (int i = 0; i < labels.length; i++) {
      checkWidth(labels[i].length, genres.size(), i);
    }
  }

  private static void checkWidth(int width, int genres, int row) {
    if (width != genres) {
      throw new IllegalArgumentException(
          "row " + row + " has " + width + " values; expected one per genre (" + genres + ")");
    }
  }
}
