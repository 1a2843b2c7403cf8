package org.pmm.nn;

import org.pmm.tensor.Ops;
import org.pmm.tensor.Tensor;

/** The weight matrix and bias row of an affine map, however they were obtained. */
public record Affine(Tensor weight, Tensor bias) {
  public Tensor apply(Tensor x) {
    return Ops.affine(x, weight, bias);
  }

  /** The map of the parts' concatenation along columns, without building it. */
  public Tensor applyToConcat(Tensor... parts) {
    return Ops.affineOfConcat(parts, weight, bias);
  }

  public Affine detach() {
    return new Affine(weight.detach(), bias.detach());
  }
}
