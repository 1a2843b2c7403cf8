package org.pmm.distributions;

import org.pmm.distributions.transforms.Bijection;
import org.pmm.distributions.transforms.Bijections;

/**
 * The set of values a distribution puts its mass on, as Pyro's {@code support} constraint. A
 * continuous support has a bijection from unconstrained space ({@link #bijection()}, Pyro's
 * {@code biject_to}): autoguides fit a Normal there and map its draws into the support.
 *
 * <pre>{@code
 * Support s = new Beta(a, b).support();       // UNIT_INTERVAL
 * Tensor p = s.bijection().forward(u);        // sigmoid(u), in (0, 1)
 * }</pre>
 */
public enum Support {
  /** All real numbers. */
  REAL("real", true),
  /** x > 0. */
  POSITIVE("positive", true),
  /** 0 < x < 1. */
  UNIT_INTERVAL("unit interval", true),
  /** Non-negative vectors summing to 1 over the last dimension. */
  SIMPLEX("simplex", true),
  /** 0 or 1. */
  BOOLEAN("boolean", false),
  /** 0, 1, 2, ... */
  NONNEGATIVE_INTEGER("non-negative integers", false),
  /** 0, 1, ..., K − 1 (a category index). */
  CATEGORY("category index", false);

  private final String description;
  private final boolean continuous;

  Support(String description, boolean continuous) {
    this.description = description;
    this.continuous = continuous;
  }

  /** True if a bijection from unconstrained space exists (the support is not discrete). */
  public boolean continuous() {
    return continuous;
  }

  /**
   * The map from unconstrained space onto this support.
   *
   * @throws UnsupportedOperationException for a discrete support
   */
  public Bijection bijection() {
    return switch (this) {
      case REAL -> Bijections.identity();
      case POSITIVE -> Bijections.exp();
      case UNIT_INTERVAL -> Bijections.sigmoid();
      case SIMPLEX -> Bijections.stickBreaking();
      default -> throw new UnsupportedOperationException("the support " + description
          + " is discrete: no bijection from unconstrained space exists");
    };
  }

  @Override
  public String toString() {
    return description;
  }
}
