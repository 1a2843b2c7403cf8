package org.pmm.data;

/**
 * Keeps jhdf's log lines off the terminal. jhdf 0.13.0 warns "Writing files is in alpha" on every
 * write and "buffer still has N bytes remaining" when it reads back the string attributes it
 * wrote itself; both are noise to a pmm user. The level is only lowered when the user has not
 * chosen one ({@code -Dorg.slf4j.simpleLogger.log.io.jhdf=...}).
 */
final class JhdfLogging {
  private static final String PROPERTY = "org.slf4j.simpleLogger.log.io.jhdf";

  private JhdfLogging() {}

  static void quiet() {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, "error");
    }
  }
}
