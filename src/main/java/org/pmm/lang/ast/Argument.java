package org.pmm.lang.ast;

/**
 * One argument of a call: positional when {@code name} is null, named otherwise
 * ({@code Bernoulli(logits: x)}).
 */
public record Argument(SourceLocation location, String name, Expr value) implements Node {

  public boolean isNamed() {
    return name != null;
  }
}
