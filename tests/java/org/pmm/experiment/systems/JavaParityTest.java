package org.pmm.experiment.systems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pmm.Pmm;
import org.pmm.data.BatchIterator.Batch;
import org.pmm.handlers.StepSeed;
import org.pmm.handlers.SeedMessenger;
import org.pmm.lang.check.ProgramChecker;
import org.pmm.params.ParamStore;
import org.pmm.tensor.GemmLog;
import org.pmm.tensor.RandomStream;

/**
 * The shipped paper models compiled from {@code .pmm} against the Java reference systems
 * ({@link MultimodalSystem}): same seed, same batches, same sampling stream. Parameter names
 * differ, initialisation order and every random draw coincide, so losses and parameters must
 * agree up to float32 rounding, and so must the predictions of the trained systems (batch-norm
 * running statistics included). (Names are mapped; nothing is copied between the stores.)
 */
class JavaParityTest {
  private static final int ROWS = 16;
  private static final long TRAIN_ROWS = 64;

  @ParameterizedTest
  @CsvSource({"pmmo, true, 3", "pmmo, false, 3", "gmu, true, 3", "gmu, false, 3", "mmo, true, 3", "mmo, false, 3"})
  void compiledModelMatchesTheJavaSystem(String kind, boolean batchnorm, int steps) {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("hidden", "8");
    overrides.put("classifier_width", "8");
    overrides.put("maxout_pieces", "2");
    overrides.put("batch_size", String.valueOf(ROWS));
    overrides.put("batchnorm", String.valueOf(batchnorm));
    long seed = 7;
    MultimodalSystem reference = MultimodalSystem.create(Overrides.apply(kind, overrides), TRAIN_ROWS, seed);
    String file = "models/" + kind + ".pmm";
    CompiledSystem compiled = new CompiledSystem(ProgramChecker.checkFile(Path.of(file), file, overrides),
        TRAIN_ROWS, seed);
    RandomStream data = new RandomStream(99);
    for (int step = 0; step < steps; step++) {
      Batch batch = batch(data, step);
      double expected;
      GemmLog.start();
      try (SeedMessenger s = Pmm.seed(StepSeed.of(seed, step)).enter()) {
        expected = reference.trainStep(batch, step);
      }
      List<GemmLog.Gemm> referenceGemms = GemmLog.stop();
      GemmLog.start();
      double actual = compiled.trainStep(batch, step);
      List<GemmLog.Gemm> compiledGemms = GemmLog.stop();
      // the same products in the same order: the compiler fuses concat(h_t, h_i) @ W + b into
      // one GEMM per part, as the Java systems' gated fusion does
      assertEquals(referenceGemms, compiledGemms, kind + " GEMMs at step " + step);
      assertEquals(expected, actual, 1e-5 * Math.max(1, Math.abs(expected)), kind + " loss at step " + step);
    }
    assertSameParameters(kind, reference.store(), compiled.store());
    Batch test = batch(data, 99);
    float[][] p = compiled.predict(test.text(), test.image());
    float[][] q = reference.predict(test.text(), test.image());
    assertEquals(ROWS, p.length);
    for (int i = 0; i < ROWS; i++) {
      assertArrayEquals(q[i], p[i], 1e-5f, kind + " prediction of row " + i);
    }
  }

  private static Batch batch(RandomStream rng, int step) {
    INDArray text = rng.normal(DataType.FLOAT, ROWS, 300);
    INDArray image = Transforms.relu(rng.normal(DataType.FLOAT, ROWS, 4096), false);
    INDArray labels = rng.bernoulli(DataType.FLOAT, 0.3, ROWS, 23);
    int[] rows = new int[ROWS];
    for (int i = 0; i < ROWS; i++) {
      rows[i] = (step * ROWS + i) % (int) TRAIN_ROWS;
    }
    return new Batch(text, image, labels, rows);
  }

  private static void assertSameParameters(String kind, ParamStore reference, ParamStore compiled) {
    int compared = 0;
    for (Map.Entry<String, ParamStore.Entry> e : reference.entries().entrySet()) {
      String name = compiledName(e.getKey(), kind);
      ParamStore.Entry other = compiled.entry(name);
      assertTrue(other != null, "no compiled parameter '" + name + "' for '" + e.getKey() + "'; have "
          + compiled.entries().keySet());
      double[] a = e.getValue().unconstrained().value().dup().reshape(-1).toDoubleVector();
      double[] b = other.unconstrained().value().dup().reshape(-1).toDoubleVector();
      assertEquals(a.length, b.length, name);
      for (int i = 0; i < a.length; i++) {
        // Adam divides by |gradient|: for elements whose gradient is near zero, float32 rounding
        // of differently ordered arithmetic (the .pmm fusion is g·h_i + (1−g)·h_t, the Java one
        // h_t + g·(h_i − h_t)) moves the update; 1e-4 is a fiftieth of one step at lr 0.005
        assertEquals(a[i], b[i], 1e-4 * Math.max(1, Math.abs(a[i])), e.getKey() + "[" + i + "] vs " + name);
      }
      compared++;
    }
    assertTrue(compared > 0);
  }

  /** A.text.W.loc → fusion.text_layer.weight_loc, C.maxout1.W → classifier.2.maxout.weight, ... */
  static String compiledName(String java, String kind) {
    String[] parts = java.split("\\.");
    if (parts[0].equals("A")) {
      String layer = switch (parts[1]) {
        case "text" -> "text_layer";
        case "image" -> "image_layer";
        case "gate" -> "gate_layer";
        default -> "output_layer";
      };
      String which = parts[2].equals("W") ? "weight" : "bias";
      return "fusion." + layer + "." + which + (parts.length > 3 ? "_" + parts[3] : "");
    }
    String layer = switch (parts[1]) {
      case "bn0" -> "1.batchnorm";
      case "maxout1" -> "2.maxout";
      case "bn1" -> "3.batchnorm";
      case "maxout2" -> "5.maxout";
      case "bn2" -> "6.batchnorm";
      default -> "7.linear";
    };
    String which = switch (parts[2]) {
      case "W" -> "weight";
      case "b" -> "bias";
      default -> parts[2];
    };
    return "classifier." + layer + "." + which;
  }
}
