package org.pmm.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An optimiser's state for one parameter: the number of updates applied and its buffers (for
 * Adam: first and second moments). Buffers are updated in place.
 */
public final class ParameterState {
  long step;
  private final INDArray[] buffers;

  public ParameterState(long step, INDArray... buffers) {
    this.step = step;
    this.buffers = buffers;
  }

  public long step() {
    return step;
  }

  public void setStep(long step) {
    this.step = step;
  }

  public INDArray[] buffers() {
    return buffers;
  }
}
