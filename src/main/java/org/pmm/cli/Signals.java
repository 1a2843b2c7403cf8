package org.pmm.cli;

import org.pmm.base.ExitCodes;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM (what {@code kill}, {@code timeout} and batch schedulers send) end
 * pmm alike: one line on standard error saying what stopped and where the finished work is, then
 * exit code 130 after the shutdown hooks have finished the file being written. Left to the JVM,
 * SIGINT ended with 130 and SIGTERM with 143, both without a word.
 *
 * <pre>{@code
 * Signals.install();
 * Signals.resumeHint("continue with --resume runs/x");   // once the output directory is known
 * }</pre>
 */
final class Signals {
  private static volatile String hint = "";

  private Signals() {}

  /** Installs the handlers; a JVM that does not deliver a signal keeps its default for it. */
  static void install() {
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal.handle(new Signal(name), Signals::stop);
      } catch (IllegalArgumentException e) {
        // the signal is reserved or unknown here (-Xrs, another platform): keep the default
      }
    }
  }

  /** What the stop message adds: where finished work is and how to continue it. */
  static void resumeHint(String text) {
    hint = text == null ? "" : text;
  }

  private static void stop(Signal signal) {
    System.err.println();
    System.err.println("pmm: interrupted (SIG" + signal.getName() + ")"
        + (hint.isEmpty() ? "" : "; " + hint));
    System.exit(ExitCodes.INTERRUPTED);
  }
}
