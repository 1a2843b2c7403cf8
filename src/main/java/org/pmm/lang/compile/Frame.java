package org.pmm.lang.compile;

import java.util.Map;
import org.pmm.tensor.Tensor;

/**
 * The values of one body while it runs: its locals, sites and parameters in numbered slots,
 * the plate it is inside, and, when predicting, where the guide's site values go (a guide) or
 * come from (its model).
 */
final class Frame {
  final Run run;
  final Tensor[] slots;
  PlateState plate;
  /** Predicting with a guide: its sites' values, by site name. */
  Map<String, Tensor> recorded;
  /** Predicting with a model: the guide's values for its latent sites. */
  Map<String, Tensor> substitutes;

  Frame(Run run, int slots) {
    this.run = run;
    this.slots = new Tensor[slots];
  }

  Tensor slot(int index, String name) {
    Tensor t = slots[index];
    if (t == null) {
      throw new IllegalStateException("'" + name + "' has no value here");
    }
    return t;
  }
}
