package org.pmm.lang.compile;

import org.pmm.tensor.Tensor;

/**
 * A compiled expression: evaluated once per use in a step, with every name already resolved
 * to a slot, a data index or a network, so that no lookup by name happens while training.
 */
@FunctionalInterface
interface Node {
  Tensor eval(Frame frame);
}
