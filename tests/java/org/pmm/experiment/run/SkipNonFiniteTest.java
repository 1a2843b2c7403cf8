package org.pmm.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.data.MmImdbData;
import org.pmm.data.Split;
import org.pmm.infer.NonFiniteLossException;
import org.pmm.experiment.systems.Overrides;
import org.pmm.experiment.systems.SystemConfig;

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
    SmallRun run = SmallRun.create(dir);
    data = run.data();
    split = run.split();
  }

  private static SystemConfig config() {
    return Overrides.apply("gmu", Map.of("hidden", "8", "classifier_width", "8",
        "maxout_pieces", "2", "batch_size", "32", "epochs", "2"));
  }


  @Test
  void aNonFiniteLossStopsTrainingByDefault() {
    NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
        () -> new CycleTrainer(config(), PoisonedSystem.factory(2, false), data, split,
            SmallRun.quiet()).train(0));
    assertEquals(2, e.step());
    assertTrue(e.getMessage().startsWith("step 2: "), e.getMessage());
  }

  @Test
  void skippingCountsTheBatchAndTrainingGoesOn() {
    CycleTrainer.CycleOutcome o =
        new CycleTrainer(config(), PoisonedSystem.factory(2, false), data, split,
            SmallRun.quiet(), true).train(0);
    assertEquals(1, o.skippedBatches());
    for (double loss : o.trainLoss()) {
      assertTrue(Double.isFinite(loss), "loss " + loss);
    }
    assertEquals(split.test().length, o.testProbabilities().length);
  }
}
