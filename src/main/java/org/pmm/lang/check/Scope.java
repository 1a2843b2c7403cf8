package org.pmm.lang.check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.pmm.lang.ast.SourceLocation;
import org.pmm.lang.program.ResolvedExpr;

/**
 * Names visible at one point of a body, chained to the enclosing scope. An entry says what
 * kind of thing a name is (for messages), where it was defined, and how a use of it resolves.
 */
final class Scope {

  /** One visible name; {@code resolve} builds the resolved reference at the place of use. */
  record Entry(String kind, SourceLocation definedAt, Function<SourceLocation, ResolvedExpr> resolve) {}

  private final Scope parent;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  Scope(Scope parent) {
    this.parent = parent;
  }

  Entry lookup(String name) {
    for (Scope scope = this; scope != null; scope = scope.parent) {
      Entry entry = scope.entries.get(name);
      if (entry != null) {
        return entry;
      }
    }
    return null;
  }

  /** The entry of this scope alone (not its parents). */
  Entry own(String name) {
    return entries.get(name);
  }

  void define(String name, Entry entry) {
    entries.put(name, entry);
  }

  TreeSet<String> visibleNames() {
    TreeSet<String> names = new TreeSet<>();
    for (Scope scope = this; scope != null; scope = scope.parent) {
      names.addAll(scope.entries.keySet());
    }
    return names;
  }
}
