package org.pmm.lang.compile;

import java.util.function.Predicate;
import org.pmm.infer.Svi.Loss;
import org.pmm.optim.Optimizer;
import org.pmm.tensor.Tensor;

/**
 * A compiled training objective: how its loss is computed in a run, the optimiser that steps
 * it and the parameters that optimiser owns (those of the models, guides and networks named
 * after {@code on}).
 */
abstract class Objective {
  final String name;
  final Optimizer optimizer;
  final Predicate<String> group;

  Objective(String name, Optimizer optimizer, Predicate<String> group) {
    this.name = name;
    this.optimizer = optimizer;
    this.group = group;
  }

  abstract Loss evaluate(Run run);

  /** ELBO objectives run their models; the others may read those models' values. */
  abstract boolean runsModel();

  /** A scalar loss expression over data, networks and model values. */
  static final class Expression extends Objective {
    private final Node loss;
    private final int slots;

    Expression(String name, Optimizer optimizer, Predicate<String> group, Node loss, int slots) {
      super(name, optimizer, group);
      this.loss = loss;
      this.slots = slots;
    }

    @Override
    Loss evaluate(Run run) {
      Tensor t = loss.eval(new Frame(run, slots));
      if (t.length() != 1) {
        throw new IllegalStateException("objective '" + name + "': the loss must be a scalar, got shape "
            + Tensor.shapeString(t.shape()));
      }
      return new Loss(t, t.item());
    }

    @Override
    boolean runsModel() {
      return false;
    }
  }
}
