package org.pmm.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error is a terminal, which decides between progress rewritten in place
 * ({@code \r}) and one line per event (a log file, a pipe, a batch scheduler's output, where
 * {@code \r} updates pile up). {@code System.console()} cannot tell: it is null when standard
 * input or output is redirected, whatever standard error is. The launcher knows ({@code [ -t 2 ]})
 * and passes {@code -Dpmm.stderr.terminal=true|false}; without it (a JVM started otherwise) Linux
 * answers through {@code /proc/self/fd/2}, and anything else counts as not a terminal.
 *
 * <pre>{@code
 * boolean inPlace = Terminal.standardError();
 * }</pre>
 */
public final class Terminal {
  /** The system property the launcher sets. */
  public static final String PROPERTY = "pmm.stderr.terminal";

  private Terminal() {}

  /** Whether standard error is a terminal. */
  public static boolean standardError() {
    String told = System.getProperty(PROPERTY);
    if (told != null) {
      return Boolean.parseBoolean(told);
    }
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }
}
