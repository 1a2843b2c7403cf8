package org.pmm.experiment.systems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.data.BatchIterator.Batch;
import org.pmm.handlers.SeedMessenger;

/** One seed makes training repeatable bit for bit on CPU; another seed changes it. */
class DeterminismTest {
  private static Batch batch() {
    Nd4j.getRandom().setSeed(42);
    INDArray text = Nd4j.randn(DataType.FLOAT, 32, 300);
    INDArray image = Nd4j.rand(DataType.FLOAT, 32, 4096);
    INDArray labels = Nd4j.rand(DataType.FLOAT, 32, 23).lt(0.2).castTo(DataType.FLOAT);
    int[] rows = new int[32];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    return new Batch(text, image, labels, rows);
  }

  private static Map<String, INDArray> train(long seed) {
    SystemConfig config = Overrides.apply("pmmo", Map.of("hidden", "8", "classifier_width", "8",
        "maxout_pieces", "2", "dropout", "0.5"));
    TrainableSystem s = MultimodalSystem.create(config, 1000, seed);
    Batch b = batch();
    try (SeedMessenger sampling = new SeedMessenger(seed).enter()) {
      for (int step = 0; step < 3; step++) {
        s.trainStep(b, step);
      }
    }
    Map<String, INDArray> values = new java.util.LinkedHashMap<>();
    s.store().entries().forEach((k, v) -> values.put(k, v.unconstrained().value().dup()));
    return values;
  }

  @Test
  void sameSeedSameParametersBitForBit() {
    Map<String, INDArray> a = train(7);
    Map<String, INDArray> b = train(7);
    assertEquals(a.keySet(), b.keySet());
    for (String name : a.keySet()) {
      // bitwise: INDArray.equals would allow a tolerance
      assertEquals(true, java.util.Arrays.equals(a.get(name).data().asFloat(),
          b.get(name).data().asFloat()), name);
    }
    Map<String, INDArray> c = train(8);
    assertNotEquals(a.get("A.text.W.loc"), c.get("A.text.W.loc"));
  }
}
