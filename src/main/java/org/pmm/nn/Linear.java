package org.pmm.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.pmm.Pmm;
import org.pmm.tensor.Ops;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * A deterministic affine layer {@code x·W + b} with Glorot-uniform W and zero b, as param sites
 * {@code name.W} and {@code name.b}.
 *
 * <pre>{@code
 * Linear out = new Linear("C.out", 256, 23, rng);
 * Tensor logits = out.apply(h);
 * }</pre>
 */
public final class Linear {
  private final String name;
  private final long in;
  private final long out;
  private final RandomStream rng;

  public Linear(String name, long in, long out, RandomStream rng) {
    this.name = name;
    this.in = in;
    this.out = out;
    this.rng = rng;
  }

  public Tensor weight() {
    return Pmm.param(name + ".W", () -> Init.glorotUniform(rng, DataType.FLOAT, in, out, in, out));
  }

  public Tensor bias() {
    return Pmm.param(name + ".b", () -> Init.zeros(DataType.FLOAT, 1, out));
  }

  public Tensor apply(Tensor x) {
    return Ops.affine(x, weight(), bias());
  }

  public String weightName() {
    return name + ".W";
  }
}
