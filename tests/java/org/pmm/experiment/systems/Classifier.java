package org.pmm.experiment.systems;

import org.pmm.nn.BatchNorm;
import org.pmm.nn.Linear;
import org.pmm.nn.Maxout;
import org.pmm.params.ParamStore;
import org.pmm.tensor.Ops;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * Module C (docs/pmmo.md): batchnorm → maxout → batchnorm → dropout → maxout → batchnorm →
 * linear(23), with max-norm on its weight columns after each step. Parameters are named
 * {@code C.*}. Without batch normalisation (the GMU ablation) the batchnorm layers are skipped.
 */
final class Classifier {
  private final BatchNorm bn0;
  private final Maxout maxout1;
  private final BatchNorm bn1;
  private final Maxout maxout2;
  private final BatchNorm bn2;
  private final Linear out;
  private final SystemConfig config;
  private final RandomStream rng;

  Classifier(long inputs, long outputs, SystemConfig config, RandomStream rng) {
    long width = config.classifierWidth();
    long pieces = config.maxoutPieces();
    this.config = config;
    this.rng = rng;
    bn0 = new BatchNorm("C.bn0", inputs, true);
    maxout1 = new Maxout("C.maxout1", inputs, width, pieces, rng);
    bn1 = new BatchNorm("C.bn1", width, true);
    maxout2 = new Maxout("C.maxout2", width, width, pieces, rng);
    bn2 = new BatchNorm("C.bn2", width, true);
    out = new Linear("C.out", width, outputs, rng);
  }

  Tensor logits(Tensor z, boolean training) {
    Tensor h = norm(bn0, z, training);
    h = norm(bn1, maxout1.apply(h), training);
    h = Ops.dropout(h, config.dropout(), training, rng);
    h = norm(bn2, maxout2.apply(h), training);
    return out.apply(h);
  }

  private Tensor norm(BatchNorm bn, Tensor x, boolean training) {
    return config.batchnorm() ? bn.apply(x, training) : x;
  }

  /** Projects C's weight columns onto the max-norm ball (no-op when max_norm is 0). */
  void applyMaxNorm(ParamStore store) {
    if (config.maxNorm() <= 0) {
      return;
    }
    for (String name : new String[] {maxout1.weightName(), maxout2.weightName(),
        out.weightName()}) {
      if (store.contains(name)) {
        Ops.maxNormColumns(store.entry(name).unconstrained(), config.maxNorm());
      }
    }
  }

  BatchNorm[] batchNorms() {
    return new BatchNorm[] {bn0, bn1, bn2};
  }
}
