package org.pmm.data;

/**
 * The official split as three contiguous row ranges: train {@code [0, trainEnd)}, dev
 * {@code [trainEnd, devEnd)}, test {@code [devEnd, rows)}. For the real file that is [0, 15552),
 * [15552, 18160), [18160, 25959); a smaller file keeps the proportions.
 *
 * <pre>{@code
 * SplitRanges r = SplitRanges.proportional(1000);   // train [0, 599), dev [599, 700), test [700, 1000)
 * }</pre>
 */
public record SplitRanges(int trainEnd, int devEnd, int rows) {
  /** End of the official training rows in the real file. */
  public static final int MMIMDB_TRAIN_END = 15_552;
  /** End of the official dev rows in the real file. */
  public static final int MMIMDB_DEV_END = 18_160;

  public SplitRanges {
    if (trainEnd <= 0 || devEnd < trainEnd || rows < devEnd) {
      throw new IllegalArgumentException("bad split ranges: train [0," + trainEnd + "), dev ["
          + trainEnd + "," + devEnd + "), test [" + devEnd + "," + rows + ")");
    }
  }

  /** The real file's official split scaled to {@code rows} movies (exact for 25,959). */
  public static SplitRanges proportional(int rows) {
    int trainEnd = (int) Math.round((double) rows * MMIMDB_TRAIN_END / Genres.MMIMDB_ROWS);
    int devEnd = (int) Math.round((double) rows * MMIMDB_DEV_END / Genres.MMIMDB_ROWS);
    return new SplitRanges(Math.max(1, trainEnd), Math.max(Math.max(1, trainEnd), devEnd), rows);
  }
}
