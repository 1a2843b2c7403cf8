package org.pmm.lang.program;

/**
 * One dimension of a {@link Shape}: a known size, a symbol bound when data is loaded (the
 * {@code N} of {@code real[N, 300]}), or unknown (the checker could not tell).
 */
public sealed interface Dim {
  record Known(long size) implements Dim {
    @Override
    public String toString() {
      return Long.toString(size);
    }
  }

  record Symbol(String name) implements Dim {
    @Override
    public String toString() {
      return name;
    }
  }

  record Unknown() implements Dim {
    @Override
    public String toString() {
      return "?";
    }
  }

  static Dim of(long size) {
    return new Known(size);
  }

  default boolean isOne() {
    return this instanceof Known k && k.size() == 1;
  }
}
