package org.pmm.data;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A validated MM-IMDb file (or a row range of it) held in memory as row-major float arrays:
 * text N x 300, image N x 4096, labels N x 23 (0/1), with IMDb ids, genre names and the official
 * split ranges. Loading checks layout and values and fails with a clear message; rows without a
 * genre only add a warning.
 *
 * <pre>{@code
 * MmImdbData data = MmImdbData.load(DefaultData.ensure());
 * Split split = Split.create("official", data, 0);
 * Standardizer.Pair stats = data.standardizeInPlace(split.train());
 * try (BatchIterator batches = new BatchIterator(data, split.train(), 512, seed, epoch)) {
 *   while (batches.hasNext()) { BatchIterator.Batch b = batches.next(); ... }
 * }
 * }</pre>
 */
public final class MmImdbData {
  private final Path path;
  private final int firstRow;
  private final int rows;
  private final float[] text;
  private final float[] image;
  private final float[] labels;
  private final String[] imdbIds;
  private final List<String> genreNames;
  private final SplitRanges officialRanges;
  private final boolean splitFromFile;
  private final int rowsWithoutGenre;
  private final List<String> warnings;

  private MmImdbData(Path path, int firstRow, float[] text, float[] image, float[] labels,
      String[] imdbIds, List<String> genreNames, SplitRanges officialRanges,
      boolean splitFromFile, List<String> warnings) {
    this.path = path;
    this.firstRow = firstRow;
    this.rows = imdbIds.length;
    this.text = text;
    this.image = image;
    this.labels = labels;
    this.imdbIds = imdbIds;
    this.genreNames = genreNames;
    this.officialRanges = officialRanges;
    this.splitFromFile = splitFromFile;
    this.rowsWithoutGenre = ContentCheck.rowsWithoutGenre(labels);
    this.warnings = new ArrayList<>(warnings);
    if (rowsWithoutGenre > 0) {
      this.warnings.add(rowsWithoutGenre + " of " + rows + " rows of dataset 'genres' in '"
          + path + "' have no genre");
    }
  }

  /** Loads and validates the whole file. */
  public static MmImdbData load(Path path) {
    try (MmImdbFile file = MmImdbFile.open(path)) {
      return load(file, 0, file.rows());
    }
  }

  /** Loads and validates rows {@code [from, to)} of an open file. */
  public static MmImdbData load(MmImdbFile file, int from, int to) {
    String name = file.path().toString();
    float[] text = file.read(Source.TEXT, from, to);
    ContentCheck.requireFinite(name, Source.TEXT, text, from);
    float[] image = file.read(Source.IMAGE, from, to);
    ContentCheck.requireFinite(name, Source.IMAGE, image, from);
    float[] labels = file.read(Source.LABELS, from, to);
    ContentCheck.requireBinary(name, labels, from);
    String[] ids = file.readImdbIds(from, to);
    var fromFile = file.splitFromFile();
    SplitRanges ranges = fromFile.orElse(SplitRanges.proportional(file.rows()));
    return new MmImdbData(file.path(), from, text, image, labels, ids, file.genreNames(), ranges,
        fromFile.isPresent(), file.warnings());
  }

  public Path path() {
    return path;
  }

  /** Rows held (the whole file unless a range was loaded). */
  public int rows() {
    return rows;
  }

  /** The file row of this object's row 0. */
  public int firstRow() {
    return firstRow;
  }

  /** Text features, row-major rows x 300 (standardised once {@link #standardizeInPlace} ran). */
  public float[] text() {
    return text;
  }

  /** Image features, row-major rows x 4096. */
  public float[] image() {
    return image;
  }

  /** Labels 0/1, row-major rows x 23. */
  public float[] labels() {
    return labels;
  }

  public String[] imdbIds() {
    return imdbIds;
  }

  public List<String> genreNames() {
    return genreNames;
  }

  /** The official split of the whole file: from Fuel's {@code split} attribute or proportional. */
  public SplitRanges officialRanges() {
    return officialRanges;
  }

  /** True when the official split came from the file's {@code split} attribute. */
  public boolean splitFromFile() {
    return splitFromFile;
  }

  public int rowsWithoutGenre() {
    return rowsWithoutGenre;
  }

  /** Non-fatal findings (rows without genre, unreadable split attribute, ...). */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * Standardises text and image columns in place with the mean and standard deviation of the
   * given (training) rows, and returns those statistics so that they can be reported or reused.
   */
  public Standardizer.Pair standardizeInPlace(int[] trainRows) {
    Standardizer textStats = Standardizer.fit(text, Source.TEXT.width(), trainRows);
    Standardizer imageStats = Standardizer.fit(image, Source.IMAGE.width(), trainRows);
    textStats.applyInPlace(text);
    imageStats.applyInPlace(image);
    return new Standardizer.Pair(textStats, imageStats);
  }

  /** The 0/1 genre labels of the given rows (rows.length x genres). */
  public int[][] labelRows(int[] rowIndices) {
    int width = Source.LABELS.width();
    int[][] out = new int[rowIndices.length][width];
    for (int i = 0; i < rowIndices.length; i++) {
      int from = rowIndices[i] * width;
      for (int j = 0; j < width; j++) {
        out[i][j] = labels[from + j] > 0.5f ? 1 : 0;
      }
    }
    return out;
  }

  /** The given rows of a source as a float32 matrix (rows.length x width). */
  public INDArray matrix(Source source, int[] rowIndices) {
    INDArray out = Nd4j.createUninitialized(DataType.FLOAT, rowIndices.length, source.width());
    gather(source, rowIndices, out);
    return out;
  }

  /**
   * Copies the given rows of {@code source}, in order, into {@code out}: a dense float matrix of
   * {@code rowIndices.length} rows and the source's width (a reused batch buffer).
   */
  public void gather(Source source, int[] rowIndices, INDArray out) {
    int width = source.width();
    if (out.rank() != 2 || out.rows() != rowIndices.length || out.columns() != width
        || out.dataType() != DataType.FLOAT || out.isView()) {
      throw new IllegalArgumentException("gathering " + rowIndices.length + " rows of " + source
          + " needs a dense float matrix of " + rowIndices.length + " x " + width + ", got "
          + out.shapeInfoToString());
    }
    float[] from = switch (source) {
      case TEXT -> text;
      case IMAGE -> image;
      case LABELS -> labels;
    };
    // Rows go straight into the native buffer in bulk: Nd4j.create(float[]) copies a Java array
    // element by element, many times slower, and the gathering thread's time is taken from
    // training on a 2-core machine.
    FloatBuffer buffer = out.data().asNioFloat();
    for (int i = 0; i < rowIndices.length; i++) {
      buffer.position(i * width);
      buffer.put(from, rowIndices[i] * width, width);
    }
  }

}
