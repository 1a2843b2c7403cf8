package org.pmm.experiment.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A data file as a checkpoint remembers it: the path as shown to the user, its size and the
 * SHA-256 of its content. Hashing reads the whole file (about 1.3 s for the 459 MB surrogate on
 * a warm page cache; see docs/checkpoints.md).
 *
 * <pre>{@code
 * DataFingerprint d = DataFingerprint.of(Path.of("data/surrogate.h5"));
 * String why = saved.differences(d);   // null if the content is the same
 * }</pre>
 */
public record DataFingerprint(String path, long size, String sha256) {
  public static DataFingerprint of(Path file) throws IOException {
    return new DataFingerprint(file.toString(), Files.size(file), Digests.file(file));
  }

  /**
   * Why {@code now} is other data than this, naming what differs (path, size, content hash), or
   * null when size and content are the same (a moved or renamed copy is the same data).
   */
  public String differences(DataFingerprint now) {
    if (size == now.size && sha256.equals(now.sha256)) {
      return null;
    }
    List<String> what = new ArrayList<>();
    if (!path.equals(now.path)) {
      what.add("path");
    }
    if (size != now.size) {
      what.add("size");
    }
    if (!sha256.equals(now.sha256)) {
      what.add("content hash");
    }
    return "data file: " + String.join(", ", what) + " differ ('" + path + "', " + size
        + " bytes, sha256 " + abbreviated(sha256) + " in the checkpoint; '" + now.path + "', "
        + now.size + " bytes, sha256 " + abbreviated(now.sha256) + " now)";
  }

  private static String abbreviated(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) + "..." : hash;
  }
}
