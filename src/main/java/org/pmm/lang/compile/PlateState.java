package org.pmm.lang.compile;

import org.pmm.tensor.Tensor;

/**
 * An active plate: the data rows of this run ({@code indices} into the full data) and the data
 * inputs already subsampled to them. {@code identity} means the bound data already holds exactly
 * these rows (a mini-batch, or the full data without subsampling): no gathering is needed.
 */
final class PlateState {
  final String symbol;
  final long fullSize;
  final long[] indices;
  final boolean identity;
  final Tensor[] gathered;

  PlateState(String symbol, long fullSize, long[] indices, boolean identity, int dataInputs) {
    this.symbol = symbol;
    this.fullSize = fullSize;
    this.indices = indices;
    this.identity = identity;
    this.gathered = new Tensor[dataInputs];
  }

  long size() {
    return indices.length;
  }
}
