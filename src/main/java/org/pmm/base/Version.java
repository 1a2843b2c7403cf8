package org.pmm.base;

/**
 * pmm's version, as {@code pmm --version} prints it and {@code results.json} records it.
 *
 * <pre>{@code
 * String v = Version.NUMBER;   // "0.1.0"
 * }</pre>
 */
public final class Version {
  public static final String NUMBER = "0.1.0";

  private Version() {}
}
