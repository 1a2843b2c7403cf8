package org.pmm.lang.ast;

/** Every AST node knows where it starts in its source file. */
public interface Node {
  SourceLocation location();
}
