package org.pmm.experiment.systems;

import org.pmm.data.BatchIterator.Batch;
import org.pmm.infer.Svi;
import org.pmm.nn.GatedFusion;
import org.pmm.nn.Linear;
import org.pmm.optim.AdamW;
import org.pmm.tensor.Ops;
import org.pmm.tensor.Tensor;

/**
 * M+MO ("2 units minus VI"): deterministic A with its auxiliary head's BCE as a second
 * objective, plus C's BCE, stepped jointly; AdamW for both parameter groups.
 */
final class MmoSystem extends MultimodalSystem {
  private final Linear text;
  private final Linear image;
  private final Linear gate;
  private final Linear head;
  private final AdamW optimiserA;
  private final AdamW optimiserC;

  MmoSystem(SystemConfig c, long trainRows, long seed) {
    super(c, trainRows, seed, 23);
    text = new Linear("A.text", 300, c.hidden(), rng);
    image = new Linear("A.image", 4096, c.hidden(), rng);
    gate = new Linear("A.gate", 2L * c.hidden(), c.hidden(), rng);
    head = new Linear("A.head", c.hidden(), 23, rng);
    optimiserA = new AdamW(c.lr(), c.weightDecay());
    optimiserC = new AdamW(c.lr(), c.weightDecay());
    state.optimizer("A", optimiserA).optimizer("C", optimiserC);
  }

  @Override
  protected Tensor fusedMean(Inputs in) {
    return GatedFusion.fuse(in.text(), in.image(), Layers.affine(text), Layers.affine(image),
        Layers.affine(gate));
  }

  @Override
  protected Svi.Loss loss(Inputs in, long step) {
    Tensor z = fusedMean(in);
    Tensor auxiliary = Ops.bceWithLogits(head.apply(z), in.labels()).mean();
    Tensor zc = config.detachFusion() ? z.detach() : z;
    Tensor bce = Ops.bceWithLogits(classifier.logits(zc, true), in.labels()).mean();
    Tensor total = auxiliary.add(bce);
    return new Svi.Loss(total, total.item());
  }

  @Override
  protected void parameterGroups(Svi.Builder<Batch> svi) {
    svi.group(n -> n.startsWith("A."), optimiserA).group(n -> n.startsWith("C."), optimiserC);
  }
}
