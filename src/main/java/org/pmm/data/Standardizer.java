package org.pmm.data;

/**
 * Per-column mean and standard deviation (population, as scikit-learn's StandardScaler) fitted on
 * training rows only and applied to every row: {@code x' = (x - mean) / std}. A constant column
 * (std below 1e-8, e.g. an image unit that is zero on every training poster) is only centred.
 *
 * <pre>{@code
 * Standardizer s = Standardizer.fit(text, 300, split.train());
 * s.applyInPlace(text);
 * }</pre>
 */
public final class Standardizer {
  private final double[] mean;
  private final double[] std;

  private Standardizer(double[] mean, double[] std) {
    this.mean = mean;
    this.std = std;
  }

  /** Text and image statistics together. */
  public record Pair(Standardizer text, Standardizer image) {}

  /** Fits on the given rows of a row-major array of the given width. */
  public static Standardizer fit(float[] data, int width, int[] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("cannot standardise from zero training rows");
    }
    double[] sum = new double[width];
    for (int r : rows) {
      int base = r * width;
      for (int c = 0; c < width; c++) {
        sum[c] += data[base + c];
      }
    }
    double[] mean = new double[width];
    for (int c = 0; c < width; c++) {
      mean[c] = sum[c] / rows.length;
    }
    double[] squares = new double[width];
    for (int r : rows) {
      int base = r * width;
      for (int c = 0; c < width; c++) {
        double d = data[base + c] - mean[c];
        squares[c] += d * d;
      }
    }
    double[] std = new double[width];
    for (int c = 0; c < width; c++) {
      double s = Math.sqrt(squares[c] / rows.length);
      std[c] = s < 1e-8 ? 1.0 : s;
    }
    return new Standardizer(mean, std);
  }

  /** Applies to every row of a row-major array, in place. */
  public void applyInPlace(float[] data) {
    int width = mean.length;
    float[] shift = new float[width];
    float[] scale = new float[width];
    for (int c = 0; c < width; c++) {
      shift[c] = (float) mean[c];
      scale[c] = (float) (1.0 / std[c]);
    }
    for (int base = 0; base < data.length; base += width) {
      for (int c = 0; c < width; c++) {
        data[base + c] = (data[base + c] - shift[c]) * scale[c];
      }
    }
  }

  public double mean(int column) {
    return mean[column];
  }

  public double std(int column) {
    return std[column];
  }

  public int width() {
    return mean.length;
  }
}
