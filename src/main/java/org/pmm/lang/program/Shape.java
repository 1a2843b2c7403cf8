package org.pmm.lang.program;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shape of a value, with NumPy's broadcasting: trailing dimensions are aligned; a known 1
 * stretches; a symbol matches only itself or 1; unknown matches anything.
 *
 * <pre>{@code
 * Shape.of(new Dim.Symbol("N"), Dim.of(3)).broadcast(Shape.of(Dim.of(3)))  // Optional[[N, 3]]
 * }</pre>
 */
public record Shape(List<Dim> dims) {
  public static final Shape SCALAR = new Shape(List.of());
  /** The shape of something the checker cannot tell (after an error, or data-dependent). */
  public static final Shape UNKNOWN = new Shape(null);

  public static Shape of(Dim... dims) {
    return new Shape(List.of(dims));
  }

  public boolean known() {
    return dims != null;
  }

  public int rank() {
    return dims == null ? -1 : dims.size();
  }

  public Dim dim(int index) {
    return dims.get(index < 0 ? dims.size() + index : index);
  }

  /** The broadcast of two shapes, or empty when they are incompatible. */
  public Optional<Shape> broadcast(Shape other) {
    if (!known() || !other.known()) {
      return Optional.of(UNKNOWN);
    }
    int rank = Math.max(rank(), other.rank());
    List<Dim> out = new ArrayList<>();
    for (int i = rank; i >= 1; i--) {
      Dim a = i <= rank() ? dims.get(rank() - i) : Dim.of(1);
      Dim b = i <= other.rank() ? other.dims.get(other.rank() - i) : Dim.of(1);
      Optional<Dim> merged = merge(a, b);
      if (merged.isEmpty()) {
        return Optional.empty();
      }
      out.add(merged.get());
    }
    return Optional.of(new Shape(out));
  }

  private static Optional<Dim> merge(Dim a, Dim b) {
    if (a instanceof Dim.Unknown) {
      return Optional.of(b.isOne() ? a : b);
    }
    if (b instanceof Dim.Unknown) {
      return Optional.of(a.isOne() ? b : a);
    }
    if (a.equals(b) || b.isOne()) {
      return Optional.of(a);
    }
    if (a.isOne()) {
      return Optional.of(b);
    }
    return Optional.empty();
  }

  /** Whether two dimensions may be equal at run time. */
  public static boolean compatible(Dim a, Dim b) {
    return a instanceof Dim.Unknown || b instanceof Dim.Unknown || a.equals(b);
  }

  public Shape append(Shape tail) {
    if (!known() || !tail.known()) {
      return UNKNOWN;
    }
    List<Dim> out = new ArrayList<>(dims);
    out.addAll(tail.dims);
    return new Shape(out);
  }

  public Shape withLast(Dim last) {
    if (!known() || dims.isEmpty()) {
      return this;
    }
    List<Dim> out = new ArrayList<>(dims);
    out.set(out.size() - 1, last);
    return new Shape(out);
  }

  public Shape dropLast(int count) {
    if (!known() || dims.size() < count) {
      return known() ? SCALAR : UNKNOWN;
    }
    return new Shape(dims.subList(0, dims.size() - count));
  }

  @Override
  public String toString() {
    if (dims == null) {
      return "[?]";
    }
    return dims.toString();
  }
}
