package org.pmm.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * What a path that should name a regular file names instead, in words for a message: a
 * directory or a FIFO given as a model file is not "no such file".
 *
 * <pre>{@code
 * FileKinds.notARegularFile(Path.of("models"))     // "is a directory"
 * FileKinds.notARegularFile(Path.of("models/gmu.pmm"))  // null
 * }</pre>
 */
public final class FileKinds {
  private static final int TYPE_BITS = 0170000;
  private static final int FIFO = 0010000;
  private static final int SOCKET = 0140000;
  private static final int CHARACTER_DEVICE = 0020000;
  private static final int BLOCK_DEVICE = 0060000;

  private FileKinds() {}

  /**
   * Null for a regular file (or a link to one); else "does not exist", "is a directory", "is a
   * FIFO (named pipe)", "is a socket", "is a device" or "is not a regular file".
   */
  public static String notARegularFile(Path path) {
    if (Files.isRegularFile(path)) {
      return null;
    }
    if (!Files.exists(path)) {
      return Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? "is a link to a file that does not exist"
          : "does not exist";
    }
    if (Files.isDirectory(path)) {
      return "is a directory";
    }
    try {
      // The type bits of st_mode: the portable attribute views cannot tell a FIFO from a device.
      int mode = (Integer) Files.getAttribute(path, "unix:mode");
      switch (mode & TYPE_BITS) {
        case FIFO:
          return "is a FIFO (named pipe)";
        case SOCKET:
          return "is a socket";
        case CHARACTER_DEVICE:
        case BLOCK_DEVICE:
          return "is a device";
        default:
          break;
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // no unix attribute view here: the generic words below
    }
    return "is not a regular file";
  }
}
