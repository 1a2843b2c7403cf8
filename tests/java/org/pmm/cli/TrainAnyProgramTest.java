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
    CliRun r = CliRun.of("train", "models/beta_bernoulli.pmm", "--summary-samples", "4000",
        "--out", out.toString());
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    assertTrue(r.err().contains("posterior summary from 4000 guide draws:"), r.err());
    List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
    assertEquals(2, summary.size(), "header and the one element of p: " + summary);
    String[] p = summary.get(1).split(",");
    assertEquals("p", p[0]);
    // the exact posterior Beta(4, 2): mean 2/3, sd sqrt(8 / 252), median 0.6862; the Monte-Carlo
    // error of 4000 draws is 0.003 in the mean, the rest is SVI's noise at its shipped settings
    assertEquals(2.0 / 3.0, Double.parseDouble(p[1]), 0.02, "mean");
    assertEquals(Math.sqrt(8.0 / 252.0), Double.parseDouble(p[2]), 0.02, "sd");
    assertEquals(0.6862, Double.parseDouble(p[4]), 0.03, "median");
    assertEquals(3001, Files.readAllLines(out.resolve("loss.csv")).size());

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
    assertEquals(List.of("mu", "tau", "theta_raw[0]", "theta_raw[7]"), List.of(
        summary.get(1).split(",")[0], summary.get(2).split(",")[0], summary.get(3).split(",")[0],
        summary.get(10).split(",")[0]));
    assertEquals(11, summary.size());

    CliRun noData = CliRun.of("train", "models/eight_schools.pmm", "--out", tmp.resolve("x").toString());
    assertEquals(ExitCodes.BAD_INPUT, noData.exit(), noData.err());
    assertTrue(noData.err().contains("models/eight_schools.pmm:12:3: data entry 'y' has no"
        + " values: give them inline or in a file with --data"), noData.err());
  }

  /**
   * The shipped logistic regression on its CSV file, each step on 4 of its 8 rows (two steps an
   * epoch), against the posterior computed
   * independently by importance sampling with the prior as proposal (10^6 draws; plain doubles):
   * the mean-field Normal's means and sds are close to the exact ones here, the posterior being
   * near-Gaussian.
   */
  @Test
  void logisticRegressionOnItsCsvMatchesImportanceSampling() throws IOException {
    Path out = tmp.resolve("logistic");
    CliRun r = CliRun.of("train", "models/logistic_regression.pmm", "--data",
        "models/logistic_regression.csv", "--set", "batch_size=4", "--set", "epochs=1000",
        "--summary-samples", "4000", "--out", out.toString(), "--quiet");
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    List<String> rows = Files.readAllLines(out.resolve("summary.csv"));
    List<String> lines = Files.readAllLines(Path.of("models/logistic_regression.csv"));
    double[][] xy = lines.subList(1, lines.size()).stream()
        .map(l -> java.util.Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
        .toArray(double[][]::new);
    java.util.Random random = new java.util.Random(3);
    int n = 1_000_000;
    double[] sumW = new double[1];
    double[] m1 = new double[3];
    double[] m2 = new double[3];
    double[] logW = new double[n];
    double[][] draws = new double[n][3];
    double maxLogW = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      double[] d = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      double ll = 0;
      for (double[] row : xy) {
        double logit = d[0] * row[0] + d[1] * row[1] + d[2];
        ll += row[2] * logit - Math.log1p(Math.exp(logit));
      }
      draws[k] = d;
      logW[k] = ll;
      maxLogW = Math.max(maxLogW, ll);
    }
    for (int k = 0; k < n; k++) {
      double w = Math.exp(logW[k] - maxLogW);
      sumW[0] += w;
      for (int j = 0; j < 3; j++) {
        m1[j] += w * draws[k][j];
        m2[j] += w * draws[k][j] * draws[k][j];
      }
    }
    String[] sites = {"w1", "w2", "b"};
    for (int j = 0; j < 3; j++) {
      double mean = m1[j] / sumW[0];
      double sd = Math.sqrt(m2[j] / sumW[0] - mean * mean);
      String[] f = rows.get(j + 1).split(",");
      assertEquals(sites[j], f[0]);
      assertEquals(mean, Double.parseDouble(f[1]), 0.15 * sd, sites[j] + " mean");
      assertEquals(sd, Double.parseDouble(f[2]), 0.15 * sd, sites[j] + " sd");
    }
  }
}
