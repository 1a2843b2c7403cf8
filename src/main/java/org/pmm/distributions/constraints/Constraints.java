package org.pmm.distributions.constraints;

/**
 * The constraints a parameter can have, by name.
 *
 * <pre>{@code
 * Constraint c = Constraints.interval(0.0, 1.0);
 * INDArray raw = c.inverse(initial);        // stored and optimised
 * Tensor p = c.transform(Tensor.parameter(raw));
 * }</pre>
 */
public final class Constraints {
  private static final Constraint REAL = new RealConstraint();
  private static final Constraint POSITIVE = new SoftplusPositive(0.0);
  private static final Constraint POSITIVE_EXP = new ExpPositive();
  private static final Constraint UNIT_INTERVAL = new Interval(0.0, 1.0);
  private static final Constraint SIMPLEX = new Simplex();

  private Constraints() {}

  /** Unconstrained. */
  public static Constraint real() {
    return REAL;
  }

  /** y > 0 by softplus (the default for scales). */
  public static Constraint positive() {
    return POSITIVE;
  }

  /** y > 0 by exp. */
  public static Constraint positiveExp() {
    return POSITIVE_EXP;
  }

  /** y > c by c + softplus. */
  public static Constraint greaterThan(double c) {
    return c == 0 ? POSITIVE : new SoftplusPositive(c);
  }

  /** lo ≤ y ≤ hi by a scaled sigmoid. */
  public static Constraint interval(double lo, double hi) {
    return lo == 0 && hi == 1 ? UNIT_INTERVAL : new Interval(lo, hi);
  }

  /** 0 ≤ y ≤ 1 by sigmoid. */
  public static Constraint unitInterval() {
    return UNIT_INTERVAL;
  }

  /** Non-negative, summing to 1 over the last dimension, by softmax. */
  public static Constraint simplex() {
    return SIMPLEX;
  }

  /**
   * The constraint a {@link Constraint#describe()} string names, for reading saved parameters:
   * "real", "positive (softplus)", "positive (exp)", "greater than c (softplus)",
   * "interval [lo, hi]", "simplex (softmax)".
   */
  public static Constraint fromDescription(String d) {
    switch (d) {
      case "real":
        return real();
      case "positive (softplus)":
        return positive();
      case "positive (exp)":
        return positiveExp();
      case "simplex (softmax)":
        return simplex();
      default:
        break;
    }
    try {
      if (d.startsWith("greater than ") && d.endsWith(" (softplus)")) {
        return greaterThan(Double.parseDouble(d.substring(13, d.length() - 11)));
      }
      if (d.startsWith("interval [") && d.endsWith("]")) {
        String[] parts = d.substring(10, d.length() - 1).split(",");
        return interval(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException("unknown constraint '" + d + "'");
  }
}
