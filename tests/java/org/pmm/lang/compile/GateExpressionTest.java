package org.pmm.lang.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.experiment.report.CycleResult;
import org.pmm.experiment.metrics.F1Scores;
import org.pmm.lang.check.ProgramChecker;
import org.pmm.tensor.RandomStream;

/**
 * {@code eval { gate = fusion.g }}: with the gate layer's weights at zero and its bias at b,
 * every activation is sigmoid(b), whatever the inputs; a program without the setting has no
 * gate; and a cycle's gate summary averages the per-movie activations over each genre's movies.
 */
class GateExpressionTest {
  private static CompiledProgram gmu(Map<String, String> extra) {
    return compile("models/gmu.pmm", extra);
  }

  private static CompiledProgram compile(String model, Map<String, String> extra) {
    Map<String, String> o = new LinkedHashMap<>(Map.of("hidden", "6", "classifier_width", "6",
        "maxout_pieces", "2", "batch_size", "8"));
    o.putAll(extra);
    return CompiledProgram.compile(ProgramChecker.checkFile(Path.of(model), model, o), 2,
        Map.of());
  }

  /**
   * The prediction and the gate from one pass over the rows are, bit for bit, those of a pass
   * for each; for PM+MO at the guide's locations, after a step has moved its weights and
   * batch-norm statistics.
   */
  @ParameterizedTest
  @ValueSource(strings = {"models/gmu.pmm", "models/pmmo.pmm", "models/mmo.pmm"})
  void predictionAndGateInOnePassAreThoseOfTwoPasses(String model) {
    CompiledProgram p = compile(model, Map.of());
    p.step(MmImdbBatches.random(p, new RandomStream(1), 8), 0);
    DataBinding rows = MmImdbBatches.random(p, new RandomStream(3), 7);
    INDArray[] both = p.predictWithGate(rows);
    assertArrayEquals(p.predict(rows).data().asFloat(), both[0].data().asFloat());
    assertArrayEquals(p.gate(rows).data().asFloat(), both[1].data().asFloat());
    assertEquals(7, both[1].size(0));
  }


  @Test
  void aGateWithZeroWeightsIsTheSigmoidOfItsBias() {
    CompiledProgram p = gmu(Map.of());
    p.step(MmImdbBatches.random(p, new RandomStream(1), 8), 0);
    List<String> gateParams = p.store().entries().keySet().stream()
        .filter(n -> n.contains("gate_layer")).toList();
    assertEquals(2, gateParams.size(), "weight and bias: " + gateParams);
    p.store().entries().forEach((name, e) -> {
      if (name.contains("gate_layer")) {
        INDArray v = e.unconstrained().value().dup();
        v.assign(name.endsWith("bias") ? 1.0 : 0.0);
        p.store().put(name, v, e.constraint());
      }
    });
    INDArray g = p.gate(MmImdbBatches.random(p, new RandomStream(1), 5));
    assertEquals(5, g.size(0));
    assertEquals(6, g.size(1));
    double expected = 1 / (1 + Math.exp(-1.0));
    for (float v : g.data().asFloat()) {
      assertEquals(expected, v, 1e-6);
    }
  }

  @Test
  void aCyclesGateSummaryAveragesOverEachGenresMovies() {
    CycleResult c = new CycleResult(0, 1, new F1Scores(0, 0, 0, 0), Map.of(), List.of(),
        List.of(), List.of()).withGate(List.of("Drama", "War", "Short"),
        new float[] {0.2f, 0.4f, 0.9f}, new int[][] {{1, 0, 0}, {1, 1, 0}, {0, 1, 0}});
    assertEquals((0.2 + 0.4 + 0.9) / 3, c.gate().mean(), 1e-7);
    assertEquals((0.2 + 0.4) / 2, c.gate().perGenre().get("Drama"), 1e-7);
    assertEquals((0.4 + 0.9) / 2, c.gate().perGenre().get("War"), 1e-7);
    assertNull(c.gate().perGenre().get("Short"), "no Short movie, no value");
    assertTrue(c.gate().perGenre().keySet().containsAll(List.of("Drama", "War")));
  }
}
