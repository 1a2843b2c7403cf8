package org.pmm.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Arrays by name: how a program's data entries find their values. A data entry reads the
 * array named by its dataset ({@code text: real[N, 300] = "features"} reads {@code
 * "features"}), or by its own name when it names no dataset. A mini-batch of MM-IMDb rows ({@link
 * BatchIterator.Batch}) is one; readers of other files are others.
 *
 * <pre>{@code
 * NamedArrays batch = Map.of("features", text, "vgg_features", image)::get;
 * INDArray text = batch.array("features");   // null for a name it does not hold
 * }</pre>
 */
@FunctionalInterface
public interface NamedArrays {
  /** The array called {@code name}, or null when there is none. */
  INDArray array(String name);
}
