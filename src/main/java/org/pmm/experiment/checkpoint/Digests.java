package org.pmm.experiment.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 digests in lower-case hex, of text and of files (streamed: data files are large).
 *
 * <pre>{@code
 * Digests.text("hidden=256")        // "9f1c..."
 * Digests.file(Path.of("data/surrogate.h5"))
 * }</pre>
 */
public final class Digests {
  private Digests() {}

  public static String text(String s) {
    MessageDigest d = sha256();
    d.update(s.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d.digest());
  }

  public static String file(Path file) throws IOException {
    MessageDigest d = sha256();
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        d.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
