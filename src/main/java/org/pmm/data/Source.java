package org.pmm.data;

/**
 * The numeric datasets pmm reads from an MM-IMDb file, with their names and widths.
 *
 * <pre>{@code
 * float[] text = file.read(Source.TEXT, 0, 100);   // 100 x 300, row-major
 * }</pre>
 */
public enum Source {
  /** Mean word2vec of the plot: N x 300 float32. */
  TEXT("features", 300),
  /** VGG16 fc7 of the poster: N x 4096 float32. */
  IMAGE("vgg_features", 4096),
  /** Genre indicators: N x 23, integer (int32 in the real file) or float. */
  LABELS("genres", Genres.COUNT);

  private final String dataset;
  private final int width;

  Source(String dataset, int width) {
    this.dataset = dataset;
    this.width = width;
  }

  /** The HDF5 dataset name. */
  public String dataset() {
    return dataset;
  }

  /** Columns per row. */
  public int width() {
    return width;
  }
}
