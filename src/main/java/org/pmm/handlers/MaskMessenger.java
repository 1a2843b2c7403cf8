package org.pmm.handlers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Zeroes the log-density of masked-out elements: a 0/1 array broadcastable to the batch shape
 * of each site inside, combined (AND) with any mask already present.
 */
public final class MaskMessenger extends Messenger<MaskMessenger> {
  private final INDArray mask;

  public MaskMessenger(INDArray mask) {
    this.mask = mask;
  }

  @Override
  protected void process(Message msg) {
    if (msg.type == Message.Type.PARAM) {
      return;
    }
    msg.mask = msg.mask == null ? mask : msg.mask.mul(mask);
  }
}
