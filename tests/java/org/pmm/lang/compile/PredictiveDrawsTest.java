package org.pmm.lang.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.lang.check.ProgramChecker;
import org.pmm.tensor.HostArrays;
import org.pmm.tensor.RandomStream;

/**
 * The predictive of a compiled system: for PM+MO, S guide draws summarised per element equal
 * the mean and sample standard deviation computed here (two-pass, in doubles) of S one-draw
 * predictions of an identical program, which makes the same draws from the same stream; for
 * the GMU, MC dropout spreads the probabilities without touching the batch-norm statistics,
 * and a GMU without dropout has no predictive at all.
 */
class PredictiveDrawsTest {
  private static CompiledProgram compile(String model, Map<String, String> overrides) {
    Map<String, String> o = new LinkedHashMap<>(Map.of("hidden", "8", "classifier_width", "8",
        "maxout_pieces", "2", "batch_size", "16"));
    o.putAll(overrides);
    return CompiledProgram.compile(ProgramChecker.checkFile(Path.of(model), model, o), 4,
        Map.of());
  }


  @Test
  void guideDrawsAreSummarisedByTheirMeanAndSampleSd() {
    Map<String, String> o = Map.of("predict_samples", "1", "dropout", "0.0");
    CompiledProgram trained = compile("models/pmmo.pmm", o);
    CompiledProgram twin = compile("models/pmmo.pmm", o);
    RandomStream rng = new RandomStream(5);
    for (int step = 0; step < 3; step++) {
      DataBinding b = MmImdbBatches.random(trained, rng, 16);
      trained.step(b, step);
      twin.step(MmImdbBatches.random(twin, new RandomStream(5 + step), 16), step);
    }
    // same weights and batch-norm statistics in both, and neither has drawn predictions yet
    trained.store().entries().forEach((name, e) ->
        twin.store().put(name, e.unconstrained().value().dup(), e.constraint()));
    twin.state().batchNorms().forEach((layer, slot) -> {
      var from = trained.state().batchNorms().get(layer).stats();
      if (from != null) {
        var to = slot.create(from.runningMean().length());
        to.runningMean().assign(from.runningMean());
        to.runningVar().assign(from.runningVar());
      }
    });
    DataBinding test = MmImdbBatches.random(trained, new RandomStream(11), 10);
    int s = 7;
    Predictive p = trained.predictive(test, s);
    assertEquals(Predictive.Method.GUIDE_SAMPLES, p.method());
    float[][][] draws = new float[s][][];
    for (int k = 0; k < s; k++) {
      draws[k] = HostArrays.rows(twin.predict(test));
    }
    double sdSum = 0;
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 23; j++) {
        double mean = 0;
        for (int k = 0; k < s; k++) {
          mean += draws[k][i][j];
        }
        mean /= s;
        double ss = 0;
        for (int k = 0; k < s; k++) {
          ss += (draws[k][i][j] - mean) * (draws[k][i][j] - mean);
        }
        double sd = Math.sqrt(ss / (s - 1));
        assertEquals(mean, p.mean()[i][j], 1e-6, "mean at " + i + "," + j);
        assertEquals(sd, p.sd()[i][j], 1e-6, "sd at " + i + "," + j);
        sdSum += sd;
      }
    }
    assertTrue(sdSum > 1e-3, "the guide's draws differ: sd sum " + sdSum);
  }

  @Test
  void mcDropoutSpreadsTheProbabilitiesAndLeavesBatchNormStatisticsAlone() {
    CompiledProgram gmu = compile("models/gmu.pmm", Map.of("dropout", "0.5"));
    RandomStream rng = new RandomStream(3);
    for (int step = 0; step < 3; step++) {
      gmu.step(MmImdbBatches.random(gmu, rng, 16), step);
    }
    Map<String, float[]> before = new LinkedHashMap<>();
    gmu.state().batchNorms().forEach((layer, slot) -> before.put(layer,
        slot.stats().runningMean().data().asFloat()));
    DataBinding test = MmImdbBatches.random(gmu, new RandomStream(12), 10);
    float[][] deterministic = HostArrays.rows(gmu.predict(test));
    Predictive p = gmu.predictive(test, 50);
    assertEquals(Predictive.Method.MC_DROPOUT, p.method());
    double sdSum = 0;
    double gap = 0;
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 23; j++) {
        sdSum += p.sd()[i][j];
        gap += Math.abs(p.mean()[i][j] - deterministic[i][j]);
      }
    }
    assertTrue(sdSum / 230 > 1e-3, "dropout spreads the draws: mean sd " + sdSum / 230);
    assertTrue(gap / 230 < 0.1, "the MC mean stays near the deterministic prediction: mean gap "
        + gap / 230);
    gmu.state().batchNorms().forEach((layer, slot) -> assertArrayEquals(before.get(layer),
        slot.stats().runningMean().data().asFloat(), layer + ": running mean unchanged"));
    assertArrayEquals(deterministic[0], HostArrays.rows(gmu.predict(test))[0],
        "evaluation after MC dropout is still deterministic");

    CompiledProgram noDropout = compile("models/gmu.pmm", Map.of("dropout", "0.0"));
    noDropout.step(MmImdbBatches.random(noDropout, new RandomStream(3), 16), 0);
    assertNull(noDropout.predictive(test, 5), "no randomness, no predictive");
  }
}
