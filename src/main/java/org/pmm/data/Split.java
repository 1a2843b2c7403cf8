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
    int testSize = (int) Math.round(rows * 0.3);
    int trainAll = rows - testSize;
    int devSize = (int) Math.round(trainAll * 0.1);
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
