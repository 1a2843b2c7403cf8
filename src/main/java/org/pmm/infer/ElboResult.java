package org.pmm.infer;

import org.pmm.tensor.Tensor;

/**
 * An ELBO estimate: the loss −ELBO as a number, and the surrogate whose gradient is the
 * estimator's gradient of the loss (they differ when score-function terms are present).
 */
public record ElboResult(double loss, Tensor surrogateLoss) {}
