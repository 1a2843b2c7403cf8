package org.pmm.experiment.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.experiment.systems.MultimodalSystem;
import org.pmm.experiment.systems.Overrides;
import org.pmm.experiment.systems.SystemConfig;

/**
 * The test probabilities of {@code select=best} are those of the best validation epoch's
 * weights: the same cycle stopped after that epoch ({@code select=last}) predicts the test set
 * bit for bit the same, although the loop predicted it with a copy swapped in after training on.
 */
class SelectedEpochTest {
  @TempDir
  Path dir;

  private static SystemConfig gmu(int epochs, String select) {
    return Overrides.apply("gmu", Map.of("hidden", "8", "classifier_width", "8",
        "maxout_pieces", "2", "batch_size", "32", "lr", "0.05", "epochs", "" + epochs,
        "select", select));
  }

  @Test
  void theBestEpochsTestPredictionsAreThoseOfTheCycleStoppedThere() throws Exception {
    SmallRun run = SmallRun.create(dir);
    int epochs = 8;
    CycleTrainer.CycleOutcome best = new CycleTrainer(gmu(epochs, "best"),
        MultimodalSystem::create, run.data(), run.split(), SmallRun.quiet()).train(3);
    int selected = best.selectedEpoch();
    assertTrue(selected < epochs - 1, "the case under test needs a best epoch before the last,"
        + " got " + selected + " with validation " + java.util.Arrays.toString(best.valWeightedF1()));

    CycleTrainer.CycleOutcome stopped = new CycleTrainer(gmu(selected + 1, "last"),
        MultimodalSystem::create, run.data(), run.split(), SmallRun.quiet()).train(3);
    assertEquals(selected, stopped.selectedEpoch());
    assertEquals(best.testProbabilities().length, stopped.testProbabilities().length);
    for (int i = 0; i < best.testProbabilities().length; i++) {
      assertArrayEquals(best.testProbabilities()[i], stopped.testProbabilities()[i],
          "test row " + i);
    }
  }
}
