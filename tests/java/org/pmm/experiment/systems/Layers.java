package org.pmm.experiment.systems;

import org.pmm.nn.Affine;
import org.pmm.nn.Linear;

/** Small conversions between layer kinds. */
final class Layers {
  private Layers() {}

  static Affine affine(Linear l) {
    return new Affine(l.weight(), l.bias());
  }
}
