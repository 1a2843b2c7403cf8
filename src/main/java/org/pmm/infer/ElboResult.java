package org.pmm.infer;

import org.pmm.tensor.Tensor;

/**
 * An ELBO estimate: the loss −ELBO as a number, the surrogate whose gradient is the estimator's
 * gradient of the loss (they differ when score-function terms are present), and what the model
 * returned in the last particle (so that a jointly trained network can reuse the model's forward
 * pass instead of running it again).
 */
public record ElboResult(double loss, Tensor surrogateLoss, Object modelValue) {
  public ElboResult(double loss, Tensor surrogateLoss) {
    this(loss, surrogateLoss, null);
  }

  ElboResult withModelValue(Object value) {
    return new ElboResult(loss, surrogateLoss, value);
  }
}
