package org.pmm.data;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * What {@code pmm data inspect} prints: layout, genre counts (with MM-IMDb's, scaled to the
 * file's rows), the labels-per-movie histogram and feature statistics. Reads the file in blocks
 * of rows so that memory stays small; counts non-finite values and non-0/1 labels instead of
 * failing, so that a broken file can still be inspected, and keeps the first of each with its
 * row and column ({@link #problem()}, the message training would give).
 *
 * <pre>{@code
 * try (MmImdbFile file = MmImdbFile.open(path)) {
 *   FileSummary summary = FileSummary.of(file, ReadProgress.NONE);
 *   summary.print(System.out);
 *   summary.problem().ifPresent(p -> ...);   // "invalid data file ...: ... at row 3, column 17; ..."
 * }
 * }</pre>
 */
public final class FileSummary {
  private static final int BLOCK = 2048;
  /** From about this many chunks on, reading a dataset takes seconds to minutes (jhdf). */
  private static final long MANY_CHUNKS = 1_000_000;

  private final MmImdbFile file;
  private String firstTextProblem;
  private String firstImageProblem;
  private String firstLabelProblem;
  private final long[] genreCounts = new long[Genres.COUNT];
  private final long[] labelsPerMovie = new long[Genres.COUNT + 1];
  private long badLabels;
  private final FeatureStats text = new FeatureStats();
  private final FeatureStats image = new FeatureStats();

  private FileSummary(MmImdbFile file) {
    this.file = file;
  }

  /** Running statistics of all values of one dataset. */
  public static final class FeatureStats {
    long count;
    long zeros;
    long nonFinite;
    double sum;
    double sumSquares;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;

    void add(float[] values) {
      for (float v : values) {
        if (!Float.isFinite(v)) {
          nonFinite++;
          continue;
        }
        count++;
        if (v == 0f) {
          zeros++;
        }
        sum += v;
        sumSquares += (double) v * v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }

    public double mean() {
      return sum / count;
    }

    public double std() {
      double m = mean();
      return Math.sqrt(Math.max(0, sumSquares / count - m * m));
    }

    public double zeroFraction() {
      return (double) zeros / count;
    }

    public long nonFinite() {
      return nonFinite;
    }

    public double min() {
      return min;
    }

    public double max() {
      return max;
    }
  }

  /** Reads the whole file block by block, quietly. */
  public static FileSummary of(MmImdbFile file) {
    return of(file, ReadProgress.NONE);
  }

  /** Reads the whole file block by block, saying how far it got when that takes long. */
  public static FileSummary of(MmImdbFile file, ReadProgress progress) {
    return of(file, progress, BLOCK);
  }

  static FileSummary of(MmImdbFile file, ReadProgress progress, int blockRows) {
    for (Source source : Source.values()) {
      long chunks = file.chunks(source);
      if (chunks >= MANY_CHUNKS) {
        progress.note(String.format("dataset '%s' is stored in %,d chunks of %s values; reading "
            + "it takes a while", source.dataset(), chunks, file.chunkShape(source)));
      }
    }
    FileSummary summary = new FileSummary(file);
    String name = file.path().toString();
    for (int from = 0; from < file.rows(); from += blockRows) {
      int to = Math.min(file.rows(), from + blockRows);
      float[] text = file.read(Source.TEXT, from, to);
      summary.text.add(text);
      if (summary.firstTextProblem == null && summary.text.nonFinite > 0) {
        summary.firstTextProblem = ContentCheck.firstNonFinite(name, Source.TEXT, text, from);
      }
      float[] image = file.read(Source.IMAGE, from, to);
      summary.image.add(image);
      if (summary.firstImageProblem == null && summary.image.nonFinite > 0) {
        summary.firstImageProblem = ContentCheck.firstNonFinite(name, Source.IMAGE, image, from);
      }
      float[] labels = file.read(Source.LABELS, from, to);
      summary.addLabels(labels);
      if (summary.firstLabelProblem == null && summary.badLabels > 0) {
        summary.firstLabelProblem = ContentCheck.firstNonBinary(name, labels, from);
      }
      progress.rows(to, file.rows());
    }
    return summary;
  }

  /**
   * The first problem that makes training refuse the file, in the order training checks
   * (features, vgg_features, genres), with its row and column and the totals; empty when the
   * checks pass.
   */
  public Optional<String> problem() {
    String first = firstTextProblem != null ? firstTextProblem
        : firstImageProblem != null ? firstImageProblem : firstLabelProblem;
    if (first == null) {
      return Optional.empty();
    }
    long nonFinite = text.nonFinite + image.nonFinite;
    return Optional.of(first + " (in all " + nonFinite + " NaN or infinite features and "
        + badLabels + " labels not 0/1)");
  }

  private void addLabels(float[] labels) {
    for (int base = 0; base < labels.length; base += Genres.COUNT) {
      int k = 0;
      for (int g = 0; g < Genres.COUNT; g++) {
        float v = labels[base + g];
        if (v != 0f && v != 1f) {
          badLabels++;
        }
        if (v != 0f) {
          genreCounts[g]++;
          k++;
        }
      }
      labelsPerMovie[k]++;
    }
  }

  public long[] genreCounts() {
    return genreCounts.clone();
  }

  /** Movies with 0, 1, ..., 23 genres. */
  public long[] labelsPerMovie() {
    return labelsPerMovie.clone();
  }

  public FeatureStats text() {
    return text;
  }

  public FeatureStats image() {
    return image;
  }

  public long badLabels() {
    return badLabels;
  }

  public void print(PrintStream out) {
    int rows = file.rows();
    out.println("file: " + file.path() + " (" + rows + " movies)");
    out.println();
    out.println("layout:");
    for (MmImdbFile.DatasetInfo d : file.layout()) {
      out.printf("  %-14s %-22s %-18s %s%n", d.name(), java.util.Arrays.toString(d.shape()),
          d.type(), d.storage());
    }
    out.println();
    out.println("genres (count, share, MM-IMDb's count scaled to " + rows + " rows):");
    List<String> names = file.genreNames();
    for (int g = 0; g < Genres.COUNT; g++) {
      int reference = Genres.indexOf(names.get(g));
      String expected = reference < 0 ? "-" : String.format("%.0f",
          Genres.expectedCount(reference, rows));
      out.printf("  %-12s %7d  %5.1f%%  %7s%n", names.get(g), genreCounts[g],
          100.0 * genreCounts[g] / rows, expected);
    }
    out.println();
    out.println("labels per movie (MM-IMDb: 1: 23%, 2: 32%, 3: 27%, 4: 13%, 5: 4.5%, 6+: 1.2%):");
    double total = 0;
    for (int k = 0; k < labelsPerMovie.length; k++) {
      total += (double) k * labelsPerMovie[k];
      if (labelsPerMovie[k] > 0) {
        out.printf("  %2d: %7d  %5.1f%%%n", k, labelsPerMovie[k],
            100.0 * labelsPerMovie[k] / rows);
      }
    }
    out.printf("  mean %.3f (MM-IMDb 2.48)%n", total / rows);
    out.println();
    out.println("features:");
    printStats(out, "features", text);
    printStats(out, "vgg_features", image);
    out.println();
    String split = file.splitFromFile().map(r -> "from the file's 'split' attribute: ")
        .orElse("proportional: ");
    SplitRanges r = file.splitFromFile().orElse(SplitRanges.proportional(rows));
    out.printf("official split %strain [0,%d) dev [%d,%d) test [%d,%d)%n", split, r.trainEnd(),
        r.trainEnd(), r.devEnd(), r.devEnd(), rows);
    out.println("checks: " + (badLabels == 0 && text.nonFinite == 0 && image.nonFinite == 0
        ? "ok" : "FAILED")
        + (labelsPerMovie[0] > 0 ? "; " + labelsPerMovie[0] + " movies without genre" : "")
        + (badLabels > 0 ? "; " + badLabels + " labels not 0/1" : "")
        + (text.nonFinite + image.nonFinite > 0
            ? "; " + (text.nonFinite + image.nonFinite) + " NaN or infinite features" : ""));
    for (String warning : file.warnings()) {
      out.println("warning: " + warning);
    }
  }

  private static void printStats(PrintStream out, String name, FeatureStats s) {
    out.printf("  %-13s mean %9.4f  std %8.4f  zeros %5.1f%%  min %9.4f  max %9.4f%s%n", name,
        s.mean(), s.std(), 100 * s.zeroFraction(), s.min(), s.max(),
        s.nonFinite > 0 ? "  non-finite " + s.nonFinite : "");
  }
}
