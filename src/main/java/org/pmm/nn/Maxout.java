package org.pmm.nn;

import org.pmm.tensor.Ops;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * Maxout (Goodfellow et al., 2013): an affine map to {@code units × pieces} values and the
 * maximum over each unit's pieces. Columns {@code u·pieces … u·pieces + pieces − 1} of the
 * affine output belong to unit u.
 *
 * <pre>{@code
 * Maxout m = new Maxout("C.maxout1", 256, 512, 2, rng);
 * Tensor h = m.apply(x);    // B × 512
 * }</pre>
 */
public final class Maxout {
  private final Linear affine;
  private final long pieces;

  public Maxout(String name, long in, long units, long pieces, RandomStream rng) {
    this.affine = new Linear(name, in, units * pieces, rng);
    this.pieces = pieces;
  }

  public Tensor apply(Tensor x) {
    Tensor h = affine.apply(x);
    if (pieces == 1) {
      return h;
    }
    return Ops.maxout(h, pieces);
  }

  public String weightName() {
    return affine.weightName();
  }
}
