package org.pmm.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.pmm.base.UserError;

/**
 * Train, dev (validation) and test row indices, each sorted ascending.
 *
 * <ul>
 *   <li>{@code official}: MM-IMDb's contiguous ranges, train [0,15552), dev [15552,18160), test
 *       [18160,25959) for the real file; from Fuel's {@code split} attribute when the file has
 *       one, otherwise the same proportions of the file's rows.</li>
 *   <li>{@code random}: the paper's public code: 70/30 train/test, then 10% of train for
 *       validation, drawn with {@code splitSeed} (the same split in every cycle).</li>
 * </ul>
 *
 * <pre>{@code
 * Split split = Split.create("random", data, 0);
 * int[] train = split.train();
 * }</pre>
 */
public record Split(String name, int[] train, int[] dev, int[] test) {
  public static final String OFFICIAL = "official";
  public static final String RANDOM = "random";

  /** The named split of loaded data; an unknown name is a {@link UserError}. */
  public static Split create(String name, MmImdbData data, long splitSeed) {
    return switch (name) {
      case OFFICIAL -> official(data.firstRow() == 0
          && data.officialRanges().rows() == data.rows()
          ? data.officialRanges() : SplitRanges.proportional(data.rows()));
      case RANDOM -> random(data.rows(), splitSeed);
      default -> throw new UserError("unknown split '" + name + "'; expected 'official' or "
          + "'random'");
    };
  }

  /** The contiguous official ranges. */
  public static Split official(SplitRanges ranges) {
    return new Split(OFFICIAL, range(0, ranges.trainEnd()), range(ranges.trainEnd(),
        ranges.devEnd()), range(ranges.devEnd(), ranges.rows()));
  }

  /**
   * Refuses a split with an empty part, naming the part sizes: training steps on the train rows,
   * selects epochs by validation F1 on the dev rows and reports scores on the test rows.
   *
   * @param data the data the split was made of ({@link #create})
   * @param purpose what the rows are for, as in "too small to train on"
   */
  public void requireEveryPart(MmImdbData data, String purpose) {
    if (train.length > 0 && dev.length > 0 && test.length > 0) {
      return;
    }
    boolean fromFile = name.equals(OFFICIAL) && data.splitFromFile() && data.firstRow() == 0
        && data.officialRanges().rows() == data.rows();
    String origin = fromFile ? "from the file's 'split' attribute"
        : name.equals(OFFICIAL) ? "proportional to its " + rows(data.rows())
        : "70/30, then 10% of the training rows for validation, of its " + rows(data.rows());
    String least = fromFile ? "" : "; files of " + minimumRows(name) + " rows or more always "
        + "have rows in every part";
    throw new UserError("data file '" + data.path() + "' is too small " + purpose + ": its "
        + name + " split (" + origin + ") has " + train.length + " training, " + dev.length
        + " validation and " + test.length + " test rows; every part needs at least one row"
        + least);
  }

  private static String rows(int n) {
    return n == 1 ? "1 row" : n + " rows";
  }

  /**
   * The fewest rows from which on the named split (official proportions or random) never has an
   * empty part. Rounding makes it not monotone below that: the official split of 4 rows has
   * every part, that of 5 or 6 rows has no dev row.
   */
  static int minimumRows(String name) {
    int rows = 1000;
    while (rows > 0 && everyPart(name.equals(RANDOM) ? randomSizes(rows) : officialSizes(rows))) {
      rows--;
    }
    return rows + 1;
  }

  private static boolean everyPart(int[] sizes) {
    return sizes[0] > 0 && sizes[1] > 0 && sizes[2] > 0;
  }

  private static int[] officialSizes(int rows) {
    SplitRanges r = SplitRanges.proportional(rows);
    return new int[] {r.trainEnd(), r.devEnd() - r.trainEnd(), rows - r.devEnd()};
  }

  /** Train, dev and test sizes of {@link #random}. */
  private static int[] randomSizes(int rows) {
    int testSize = (int) Math.round(rows * 0.3);
    int trainAll = rows - testSize;
    int devSize = (int) Math.round(trainAll * 0.1);
    return new int[] {trainAll - devSize, devSize, testSize};
  }

  /** 70/30 train/test with 10% of train for validation, fixed by the seed. */
  public static Split random(int rows, long splitSeed) {
    int[] order = range(0, rows);
    SplittableRandom random = new SplittableRandom(splitSeed * 0x9E3779B97F4A7C15L + 12345);
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] sizes = randomSizes(rows);
    int testSize = sizes[2];
    int devSize = sizes[1];
    int[] test = sorted(Arrays.copyOfRange(order, 0, testSize));
    int[] dev = sorted(Arrays.copyOfRange(order, testSize, testSize + devSize));
    int[] train = sorted(Arrays.copyOfRange(order, testSize + devSize, rows));
    return new Split(RANDOM, train, dev, test);
  }

  private static int[] range(int from, int to) {
    int[] out = new int[to - from];
    for (int i = 0; i < out.length; i++) {
      out[i] = from + i;
    }
    return out;
  }

  private static int[] sorted(int[] values) {
    Arrays.sort(values);
    return values;
  }
}
