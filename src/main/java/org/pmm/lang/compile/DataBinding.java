package org.pmm.lang.compile;

import java.util.Map;
import org.pmm.tensor.Tensor;

/**
 * The data inputs of one run, by their index in the program's {@code data} block. Inputs with
 * a symbolic first dimension (the {@code N} of {@code real[N, 300]}) may be bound to a
 * mini-batch: {@code rows} are then the batch's rows of the full data, whose size is
 * {@code symbolSizes.get(batchSymbol)}.
 */
public final class DataBinding {
  final Tensor[] values;
  final long[] rows;
  final String batchSymbol;
  final Map<String, Long> symbolSizes;

  DataBinding(Tensor[] values, long[] rows, String batchSymbol, Map<String, Long> symbolSizes) {
    this.values = values;
    this.rows = rows;
    this.batchSymbol = batchSymbol;
    this.symbolSizes = symbolSizes;
  }

  long symbolSize(String symbol) {
    Long size = symbolSizes.get(symbol);
    if (size == null) {
      throw new IllegalStateException("dimension '" + symbol + "' is not bound to a size");
    }
    return size;
  }
}
