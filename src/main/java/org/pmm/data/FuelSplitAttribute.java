package org.pmm.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import java.lang.reflect.Array;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the official split from Fuel's {@code split} attribute of the root group. jhdf 0.13.0
 * decodes the compound array as a map from field name to a column array (the region-reference
 * field comes back as raw addresses, which we do not need). Anything unexpected gives a warning
 * and an empty result, never an error: the caller falls back to the proportional ranges.
 */
final class FuelSplitAttribute {
  private FuelSplitAttribute() {}

  /** Sources whose ranges we trust, in order of preference. */
  private static final List<String> SOURCES = List.of("genres", "features", "vgg_features");

  static Optional<SplitRanges> read(HdfFile hdf, int rows, List<String> warnings) {
    Attribute attribute = hdf.getAttribute("split");
    if (attribute == null) {
      return Optional.empty();
    }
    try {
      if (!(attribute.getData() instanceof Map<?, ?> columns)) {
        return fallback(warnings, "it is not a compound array");
      }
      Object split = columns.get("split");
      Object source = columns.get("source");
      Object start = columns.get("start");
      Object stop = columns.get("stop");
      if (split == null || source == null || start == null || stop == null) {
        return fallback(warnings, "it lacks the fields split, source, start, stop");
      }
      for (String wanted : SOURCES) {
        long[] train = range(split, source, start, stop, "train", wanted);
        long[] dev = range(split, source, start, stop, "dev", wanted);
        long[] test = range(split, source, start, stop, "test", wanted);
        if (train == null || dev == null || test == null) {
          continue;
        }
        if (train[0] != 0 || dev[0] != train[1] || test[0] != dev[1] || test[1] != rows
            || train[1] <= 0 || dev[1] < dev[0]) {
          return fallback(warnings, "its ranges train " + show(train) + ", dev " + show(dev)
              + ", test " + show(test) + " are not contiguous over the " + rows + " rows");
        }
        return Optional.of(new SplitRanges((int) train[1], (int) dev[1], rows));
      }
      return fallback(warnings, "it has no train, dev and test rows for 'genres' or 'features'");
    } catch (RuntimeException e) {
      return fallback(warnings, MmImdbFile.reason(e));
    }
  }

  private static long[] range(Object split, Object source, Object start, Object stop,
      String splitName, String sourceName) {
    for (int i = 0; i < Array.getLength(split); i++) {
      if (splitName.equals(text(Array.get(split, i))) && sourceName.equals(text(Array.get(source, i)))) {
        return new long[] {number(Array.get(start, i)), number(Array.get(stop, i))};
      }
    }
    return null;
  }

  private static String text(Object value) {
    if (value instanceof byte[] bytes) {
      return new String(bytes, java.nio.charset.StandardCharsets.US_ASCII).trim();
    }
    return String.valueOf(value).trim();
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }

  private static String show(long[] range) {
    return "[" + range[0] + "," + range[1] + ")";
  }

  private static Optional<SplitRanges> fallback(List<String> warnings, String why) {
    warnings.add("cannot use the root attribute 'split' (" + why
        + "); using the proportional official split");
    return Optional.empty();
  }
}
