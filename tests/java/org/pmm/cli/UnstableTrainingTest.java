package org.pmm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.base.ExitCodes;
import org.pmm.data.SurrogateGenerator;

/**
 * Learning rates far too large make training unstable in ways other than a NaN loss: logits so
 * large that the validation set's probabilities are NaN (GMU, lr = 1e30), or guide scales
 * pushed to 0 so that a Laplace refuses them (PM+MO, lr = 1e6). Both stop training with exit 3,
 * "training stopped", the step and the quantity or site named, and the last good checkpoint
 * kept, never "internal error".
 */
class UnstableTrainingTest {
  @TempDir
  static Path tmp;
  static Path data;

  @BeforeAll
  static void data() throws IOException {
    data = tmp.resolve("small.h5");
    SurrogateGenerator.write(data, 400, 1, line -> { });
  }

  @ParameterizedTest
  @CsvSource({"gmu, 1e30, is not finite", "pmmo, 1e6, site '"})
  void aDivergingRunStopsWithExitThree(String model, String lr, String names) {
    Path out = tmp.resolve(model + "-" + lr);
    String[] args = {"train", "models/" + model + ".pmm", "--data", data.toString(),
        "--set", "hidden=16", "--set", "classifier_width=16", "--set", "batch_size=32",
        "--set", "epochs=3", "--set", "lr=" + lr, "--out", out.toString(), "--quiet"};
    CliRun r = CliRun.of(args);
    int exit = r.exit();
    String said = r.err();
    assertEquals(ExitCodes.TRAINING_STOPPED, exit, said);
    assertTrue(said.contains("pmm: error: training stopped: step "), said);
    assertTrue(said.contains(names), "names the quantity or the site: " + said);
    assertFalse(said.contains("internal error"), said);
    assertFalse(Files.exists(out.resolve("results.json")), "no results from a diverged run");
  }
}
