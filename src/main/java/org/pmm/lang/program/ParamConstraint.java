package org.pmm.lang.program;

/**
 * The support of a parameter: {@code kind} is one of the vocabulary's constraints (real,
 * positive, interval, unit_interval, simplex); {@code low} and {@code high} bound an interval.
 */
public record ParamConstraint(String kind, double low, double high) {
  public static final ParamConstraint REAL = new ParamConstraint("real", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  public static final ParamConstraint POSITIVE = new ParamConstraint("positive", 0, Double.POSITIVE_INFINITY);
}
