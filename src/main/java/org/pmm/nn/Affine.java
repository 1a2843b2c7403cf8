package org.pmm.nn;

import org.pmm.tensor.Ops;
import org.pmm.tensor.Tensor;

/** The weight matrix and bias row of an affine map, however they were obtained. */
public record Affine(Tensor weight, Tensor bias) {
  public Tensor apply(Tensor x) {
    return Ops.affine(x, weight, bias);
  }

  public Affine detach() {
    return new Affine(weight.detach(), bias.detach());
  }
}
