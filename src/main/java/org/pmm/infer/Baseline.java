package org.pmm.infer;

import java.util.function.Function;
import org.pmm.handlers.Trace;
import org.pmm.tensor.Tensor;

/**
 * How {@link TraceGraphElbo} centres one site's downstream cost before multiplying it with the
 * site's score: the score term becomes log q(z_j) · (cost_j − b_j). Any b_j that does not depend
 * on z_j keeps the gradient unbiased; a good one lowers its variance. Components add up:
 *
 * <ul>
 *   <li>decaying average (β, default 0.90): b = the running average of past costs, element by
 *       element over the site's plates, updated after use as avg ← β·avg + (1 − β)·cost;
 *   <li>learned value: a scalar parameter {@code baseline.<site>.value} (initially 0) in the
 *       current parameter store;
 *   <li>neural: a user function of the guide's trace returning a tensor that broadcasts to the
 *       cost's shape; it must read only values upstream of the site (or the data), and create its
 *       weights with {@code Pmm.param} so that the optimiser steps them.
 * </ul>
 *
 * Learned components are fitted by adding Σ (cost − b)² to the surrogate loss; the cost is
 * detached there, so that term's gradient reaches only the baseline's parameters (Ranganath et
 * al. 2014; Mnih and Gregor 2014; Pyro's TraceGraph_ELBO baselines).
 *
 * <pre>{@code
 * Baseline.decayingAverage(0.9);
 * Baseline.learnedValue().withDecayingAverage(0.95);
 * Baseline.neural(guideTrace -> net.apply(features)); // net's weights are params
 * }</pre>
 *
 * @param decay β of the decaying average, or NaN for none
 * @param learnsValue whether a learned scalar is part of the baseline
 * @param neural a learned function of the guide's trace, or null
 */
public record Baseline(double decay, boolean learnsValue, Function<Trace, Tensor> neural) {
  /** Pyro's default β of the decaying average. */
  public static final double DEFAULT_DECAY = 0.90;

  public Baseline {
    if (!Double.isNaN(decay) && !(decay >= 0 && decay < 1)) {
      throw new IllegalArgumentException("baseline decay β must be in [0, 1), got " + decay);
    }
  }

  /** No baseline: the plain Rao-Blackwellised score-function estimator. */
  public static Baseline none() {
    return new Baseline(Double.NaN, false, null);
  }

  /** A decaying average of past costs with β = 0.90. */
  public static Baseline decayingAverage() {
    return decayingAverage(DEFAULT_DECAY);
  }

  public static Baseline decayingAverage(double beta) {
    return new Baseline(beta, false, null);
  }

  /** A learned scalar. */
  public static Baseline learnedValue() {
    return new Baseline(Double.NaN, true, null);
  }

  /** A learned function of the guide's trace (a small network on given inputs). */
  public static Baseline neural(Function<Trace, Tensor> function) {
    if (function == null) {
      throw new IllegalArgumentException("neural baseline: the function must not be null");
    }
    return new Baseline(Double.NaN, false, function);
  }

  /** This baseline plus a decaying average with the given β. */
  public Baseline withDecayingAverage(double beta) {
    return new Baseline(beta, learnsValue, neural);
  }

  public boolean hasDecayingAverage() {
    return !Double.isNaN(decay);
  }

  /** True if any component is fitted by the baseline loss. */
  public boolean isLearned() {
    return learnsValue || neural != null;
  }

  public boolean isNone() {
    return !hasDecayingAverage() && !isLearned();
  }
}
