package org.pmm.data;

import org.pmm.base.UserError;

/**
 * Checks the values of a file before training: features finite, labels 0 or 1. Rows without any
 * genre are legal (the real file has none, a filtered copy might) and only counted.
 */
final class ContentCheck {
  private ContentCheck() {}

  /** Throws a {@link UserError} naming the first NaN or infinite value. */
  static void requireFinite(String file, Source source, float[] values, int firstRow) {
    String problem = firstNonFinite(file, source, values, firstRow);
    if (problem != null) {
      throw new UserError(problem);
    }
  }

  /** Throws a {@link UserError} naming the first label that is not 0 or 1. */
  static void requireBinary(String file, float[] labels, int firstRow) {
    String problem = firstNonBinary(file, labels, firstRow);
    if (problem != null) {
      throw new UserError(problem);
    }
  }

  /** The message naming the first NaN or infinite value with its row and column, or null. */
  static String firstNonFinite(String file, Source source, float[] values, int firstRow) {
    int width = source.width();
    for (int i = 0; i < values.length; i++) {
      float v = values[i];
      if (!Float.isFinite(v)) {
        return "invalid data file '" + file + "': dataset '" + source.dataset() + "' has " + v
            + " at row " + (firstRow + i / width) + ", column " + (i % width)
            + "; expected finite numbers";
      }
    }
    return null;
  }

  /** The message naming the first label that is not 0 or 1 with its row and column, or null. */
  static String firstNonBinary(String file, float[] labels, int firstRow) {
    int width = Genres.COUNT;
    for (int i = 0; i < labels.length; i++) {
      float v = labels[i];
      if (v != 0f && v != 1f) {
        return "invalid data file '" + file + "': dataset 'genres' has " + v + " at row "
            + (firstRow + i / width) + ", column " + (i % width) + "; expected labels 0 or 1";
      }
    }
    return null;
  }

  /** Rows whose 23 labels are all 0. */
  static int rowsWithoutGenre(float[] labels) {
    int width = Genres.COUNT;
    int count = 0;
    for (int r = 0; r < labels.length / width; r++) {
      boolean any = false;
      for (int g = 0; g < width && !any; g++) {
        any = labels[r * width + g] != 0f;
      }
      if (!any) {
        count++;
      }
    }
    return count;
  }
}
