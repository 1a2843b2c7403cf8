package org.pmm.experiment.systems;

import org.pmm.data.BatchIterator.Batch;
import org.pmm.infer.Svi;
import org.pmm.nn.GatedFusion;
import org.pmm.nn.Linear;
import org.pmm.optim.Adam;
import org.pmm.tensor.Ops;
import org.pmm.tensor.Tensor;

/**
 * The GMU baseline: deterministic gated fusion A and the maxout classifier C trained on one
 * BCE objective with Adam.
 */
final class GmuSystem extends MultimodalSystem {
  private final Linear text;
  private final Linear image;
  private final Linear gate;
  private final Adam optimiser;

  GmuSystem(SystemConfig c, long trainRows, long seed) {
    super(c, trainRows, seed, 23);
    text = new Linear("A.text", 300, c.hidden(), rng);
    image = new Linear("A.image", 4096, c.hidden(), rng);
    gate = new Linear("A.gate", 2L * c.hidden(), c.hidden(), rng);
    optimiser = new Adam(c.lr());
    state.optimizer("all", optimiser);
  }

  @Override
  protected Tensor fusedMean(Inputs in) {
    return GatedFusion.fuse(in.text(), in.image(), Layers.affine(text), Layers.affine(image),
        Layers.affine(gate));
  }

  @Override
  protected Svi.Loss loss(Inputs in, long step) {
    Tensor bce = Ops.bceWithLogits(classifier.logits(fusedMean(in), true), in.labels()).mean();
    return new Svi.Loss(bce, bce.item());
  }

  @Override
  protected void parameterGroups(Svi.Builder<Batch> svi) {
    svi.group(n -> true, optimiser);
  }
}
