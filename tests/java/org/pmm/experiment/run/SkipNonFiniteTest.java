package org.pmm.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.data.BatchIterator.Batch;
import org.pmm.data.MmImdbData;
import org.pmm.data.Split;
import org.pmm.data.SurrogateGenerator;
import org.pmm.experiment.systems.MultimodalSystem;
import org.pmm.experiment.systems.NonFiniteLossException;
import org.pmm.experiment.systems.Overrides;
import org.pmm.experiment.systems.SystemConfig;
import org.pmm.experiment.systems.SystemFactory;
import org.pmm.experiment.systems.SystemState;
import org.pmm.experiment.systems.TrainableSystem;
import org.pmm.params.ParamStore;

/**
 * A batch whose features contain NaN stops training with a non-finite loss, or, when skipping
 * is asked for, is skipped and counted while training goes on. The system is a real GMU; only
 * the data of its third step is poisoned.
 */
class SkipNonFiniteTest {
  @TempDir
  static Path dir;
  static MmImdbData data;
  static Split split;

  @BeforeAll
  static void data() throws Exception {
    Path file = dir.resolve("small.h5");
    SurrogateGenerator.write(file, 300, 1, line -> { });
    data = MmImdbData.load(file);
    split = Split.create("official", data, 0);
    data.standardizeInPlace(split.train());
  }

  /** The real system, except that the batch of step 2 carries a NaN feature. */
  private static SystemFactory poisoned() {
    return (config, rows, seed) -> {
      TrainableSystem real = MultimodalSystem.create(config, rows, seed);
      return new TrainableSystem() {
        @Override
        public double trainStep(Batch batch, long step) {
          if (step == 2) {
            INDArray text = batch.text().dup();
            text.putScalar(0, 0, Float.NaN);
            batch = new Batch(text, batch.image(), batch.labels(), batch.rows());
          }
          return real.trainStep(batch, step);
        }

        @Override
        public float[][] predict(INDArray text, INDArray image) {
          return real.predict(text, image);
        }

        @Override
        public ParamStore store() {
          return real.store();
        }

        @Override
        public SystemState state() {
          return real.state();
        }
      };
    };
  }

  private static SystemConfig config() {
    return Overrides.apply("gmu", Map.of("hidden", "8", "classifier_width", "8",
        "maxout_pieces", "2", "batch_size", "32", "epochs", "2"));
  }

  private static Progress quiet() {
    return new Progress(new PrintStream(PrintStream.nullOutputStream()), true);
  }

  @Test
  void aNonFiniteLossStopsTrainingByDefault() {
    NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
        () -> new CycleTrainer(config(), poisoned(), data, split, quiet()).train(0));
    assertEquals(2, e.step());
    assertTrue(e.getMessage().startsWith("step 2: "), e.getMessage());
  }

  @Test
  void skippingCountsTheBatchAndTrainingGoesOn() {
    CycleTrainer.CycleOutcome o =
        new CycleTrainer(config(), poisoned(), data, split, quiet(), true).train(0);
    assertEquals(1, o.skippedBatches());
    for (double loss : o.trainLoss()) {
      assertTrue(Double.isFinite(loss), "loss " + loss);
    }
    assertEquals(split.test().length, o.testProbabilities().length);
  }
}
