package org.pmm.lang.ast;

/**
 * Where a node starts: the file as the user named it, 1-based line and 1-based column.
 *
 * <pre>{@code
 * new SourceLocation("models/pmmo.pmm", 12, 7).toString()  // "models/pmmo.pmm:12:7"
 * }</pre>
 */
public record SourceLocation(String file, int line, int column) {

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
