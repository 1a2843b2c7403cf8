package org.pmm.data;

import java.io.PrintStream;
import java.util.List;

/**
 * What {@code pmm data inspect} prints: layout, genre counts (with MM-IMDb's, scaled to the
 * file's rows), the labels-per-movie histogram and feature statistics. Reads the file in blocks
 * of rows so that memory stays small; counts non-finite values and non-0/1 labels instead of
 * failing, so that a broken file can still be inspected.
 *
 * <pre>{@code
 * try (MmImdbFile file = MmImdbFile.open(path)) {
 *   FileSummary.of(file).print(System.out);
 * }
 * }</pre>
 */
public final class FileSummary {
  private static final int BLOCK = 2048;

  private final MmImdbFile file;
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

  /** Reads the whole file block by block. */
  public static FileSummary of(MmImdbFile file) {
    FileSummary summary = new FileSummary(file);
    for (int from = 0; from < file.rows(); from += BLOCK) {
      int to = Math.min(file.rows(), from + BLOCK);
      summary.text.add(file.read(Source.TEXT, from, to));
      summary.image.add(file.read(Source.IMAGE, from, to));
      summary.addLabels(file.read(Source.LABELS, from, to));
    }
    return summary;
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
