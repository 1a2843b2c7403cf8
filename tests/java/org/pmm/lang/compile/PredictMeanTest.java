package org.pmm.lang.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.lang.check.ProgramChecker;
import org.pmm.tensor.RandomStream;

/**
 * Predicting with the guide's means takes each Laplace site's location without building the
 * distribution (its scales are never computed). Checked against the sampled prediction of the
 * same weights with every guide scale shrunk to about 1e-26, which builds every distribution
 * and draws loc + scale·ε: the two must agree.
 */
class PredictMeanTest {
  private static CompiledProgram pmmo(String predictSamples) {
    Map<String, String> o = Map.of("hidden", "8", "classifier_width", "8", "maxout_pieces", "2",
        "batch_size", "16", "predict_samples", predictSamples, "dropout", "0.0");
    return CompiledProgram.compile(
        ProgramChecker.checkFile(Path.of("models/pmmo.pmm"), "models/pmmo.pmm", o), 4, Map.of());
  }


  @Test
  void meanPredictionEqualsASampleOfAlmostZeroScale() {
    CompiledProgram mean = pmmo("0");
    RandomStream rng = new RandomStream(9);
    for (int step = 0; step < 3; step++) {
      mean.step(MmImdbBatches.random(mean, rng, 16), step);
    }
    CompiledProgram sampled = pmmo("1");
    mean.store().entries().forEach((name, e) -> {
      INDArray value = e.unconstrained().value().dup();
      if (name.endsWith("_scale")) {
        value.assign(-60);   // softplus(-60) ≈ 8.8e-27
      }
      sampled.store().put(name, value, e.constraint());
    });
    sampled.state().batchNorms().forEach((layer, slot) -> {
      var from = mean.state().batchNorms().get(layer).stats();
      if (from != null) {
        var to = slot.create(from.runningMean().length());
        to.runningMean().assign(from.runningMean());
        to.runningVar().assign(from.runningVar());
      }
    });
    DataBinding test = MmImdbBatches.random(mean, new RandomStream(10), 12);
    INDArray expected = sampled.predict(test);
    INDArray actual = mean.predict(test);
    assertFalse(expected.equalsWithEps(Nd4j.zerosLike(expected), 1e-3), "a real prediction");
    assertArrayEquals(expected.data().asFloat(), actual.data().asFloat(), 1e-6f);
  }
}
