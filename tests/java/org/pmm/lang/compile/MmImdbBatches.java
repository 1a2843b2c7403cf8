package org.pmm.lang.compile;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.RandomStream;

/**
 * Random batches with the MM-IMDb inputs of the shipped models (standard-normal text and image
 * features, Bernoulli(0.3) genres), bound to a compiled program as rows 0..rows−1 of a data set
 * of 100 rows.
 *
 * <pre>{@code
 * DataBinding b = MmImdbBatches.random(program, new RandomStream(1), 16);
 * program.step(b, 0);
 * }</pre>
 */
final class MmImdbBatches {
  private MmImdbBatches() {}

  static DataBinding random(CompiledProgram p, RandomStream rng, int rows) {
    Map<String, INDArray> inputs = new LinkedHashMap<>();
    inputs.put("features", rng.normal(DataType.FLOAT, rows, 300));
    inputs.put("vgg_features", rng.normal(DataType.FLOAT, rows, 4096));
    inputs.put("genres", rng.bernoulli(DataType.FLOAT, 0.3, rows, 23));
    long[] index = new long[rows];
    for (int i = 0; i < rows; i++) {
      index[i] = i;
    }
    return p.batch(inputs::get, index, "N", 100);
  }
}
