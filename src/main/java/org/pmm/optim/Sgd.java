package org.pmm.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Plain stochastic gradient descent: {@code p ← p − lr · g}.
 *
 * <pre>{@code
 * Optimizer sgd = new Sgd(0.01);
 * }</pre>
 */
public final class Sgd extends Optimizer {
  private final double lr;

  public Sgd(double lr) {
    this.lr = Adam.positive("Sgd", "lr", lr);
  }

  @Override
  protected ParameterState newState(INDArray value) {
    return new ParameterState(0);
  }

  @Override
  protected void update(INDArray value, INDArray grad, ParameterState state) {
    value.subi(grad.muli(lr));
  }

  @Override
  public String describe() {
    return "Sgd(lr=" + lr + ")";
  }
}
