package org.pmm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.base.ExitCodes;

/**
 * {@code pmm train models/beta_bernoulli.pmm}: a shipped program with inline data and no
 * MM-IMDb dataset trains from the command line and prints and writes its posterior summary; the
 * experiment-only flags are refused for it.
 */
class TrainAnyProgramTest {
  @TempDir
  Path tmp;

  @Test
  void theCoinModelTrainsAndSummarisesItsPosterior() throws IOException {
    Path out = tmp.resolve("coin");
    CliRun r = CliRun.of("train", "models/beta_bernoulli.pmm", "--set", "epochs=200", "--set", "lr=0.01",
        "--summary-samples", "50", "--out", out.toString());
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    assertTrue(r.err().contains("posterior summary from 50 guide draws:"), r.err());
    List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
    assertEquals(2, summary.size(), "header and the one element of p: " + summary);
    assertTrue(summary.get(1).startsWith("p,"), summary.get(1));
    double mean = Double.parseDouble(summary.get(1).split(",")[1]);
    assertTrue(mean > 0 && mean < 1, "p's posterior mean lies in (0, 1): " + mean);
    assertEquals(201, Files.readAllLines(out.resolve("loss.csv")).size());

    CliRun cycles = CliRun.of("train", "models/beta_bernoulli.pmm", "--cycles", "2", "--out",
        tmp.resolve("c").toString());
    assertEquals(ExitCodes.USAGE, cycles.exit(), cycles.err());
    assertTrue(cycles.err().contains("--cycles applies to the MM-IMDb systems only"), cycles.err());
    CliRun skip = CliRun.of("train", "models/beta_bernoulli.pmm", "--skip-nonfinite", "--out",
        tmp.resolve("s").toString());
    assertEquals(ExitCodes.USAGE, skip.exit(), skip.err());
    assertTrue(skip.err().contains("--skip-nonfinite applies to the MM-IMDb systems only"),
        skip.err());
  }

  @Test
  void eightSchoolsTrainsOnItsJsonData() throws IOException {
    Path out = tmp.resolve("schools");
    CliRun r = CliRun.of("train", "models/eight_schools.pmm", "--data", "models/eight_schools.json",
        "--set", "epochs=30", "--summary-samples", "20", "--out", out.toString(), "--quiet");
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
    assertEquals(List.of("mu", "tau", "theta[0]", "theta[7]"), List.of(
        summary.get(1).split(",")[0], summary.get(2).split(",")[0], summary.get(3).split(",")[0],
        summary.get(10).split(",")[0]));
    assertEquals(11, summary.size());

    CliRun noData = CliRun.of("train", "models/eight_schools.pmm", "--out", tmp.resolve("x").toString());
    assertEquals(ExitCodes.BAD_INPUT, noData.exit(), noData.err());
    assertTrue(noData.err().contains("models/eight_schools.pmm:11:3: error: data entry 'y' has no"
        + " values: give them inline or in a file with --data"), noData.err());
  }
}
