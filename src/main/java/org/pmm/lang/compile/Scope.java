package org.pmm.lang.compile;

import java.util.HashMap;
import java.util.Map;

/**
 * Names of one body mapped to frame slots at compile time. Inlined function bodies get a child
 * scope whose slots come from the same counter, so one frame holds them all.
 */
final class Scope {
  private final Map<String, Integer> names = new HashMap<>();
  private final Scope parent;
  private final int[] counter;

  Scope() {
    this(null, new int[1]);
  }

  private Scope(Scope parent, int[] counter) {
    this.parent = parent;
    this.counter = counter;
  }

  Scope child() {
    return new Scope(this, counter);
  }

  int define(String name) {
    int slot = counter[0]++;
    names.put(name, slot);
    return slot;
  }

  /** The slot of a name, or -1. */
  int lookup(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      Integer slot = s.names.get(name);
      if (slot != null) {
        return slot;
      }
    }
    return -1;
  }

  /** Slots needed by a frame of this scope and all its children. */
  int size() {
    return counter[0];
  }
}
