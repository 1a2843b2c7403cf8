package org.pmm.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.base.UserError;
import org.pmm.lang.check.ProgramChecker;
import org.pmm.lang.program.CheckedProgram;
import org.pmm.optim.Optimizer;
import org.pmm.params.ParamStore;
import org.pmm.params.ParamStoreFile;

/**
 * {@code pmm train} for a program outside the experiment suite: a Normal-Normal model whose
 * observations come from a JSON file with a symbolic row count. The summary's statistics are
 * checked against the trained guide's own closed form (a Normal(loc, scale) guide: mean loc, sd
 * scale, quantiles loc ± 1.645·scale, to Monte Carlo error over 4,000 draws), and the guide
 * against the exact posterior: precision 0.1 + Nτ, mean (0.1·μ0 + τ·Σx) / precision.
 */
class GeneralTrainingTest {
  private static final String MODEL = String.join("\n",
      "hyper {", "  lr = 0.05", "  epochs = 800", "}",
      "data {", "  x: real[N, 2]", "}",
      "model posterior {", "  z ~ Normal([0, 0.5], 1 / sqrt(0.1))", "  plate rows(N) {",
      "    x ~ Normal(z, 1 / sqrt([6, 4]))", "  }", "}",
      "guide posterior {", "  param z_loc[2] = 0.0", "  param z_scale[2] > 0 = 1.0",
      "  z ~ Normal(z_loc, z_scale)", "}",
      "train {", "  epochs = epochs",
      "  objective posterior: elbo(posterior, estimator: trace) using Adam(lr)", "}", "");
  private static final double[][] X = {{-0.1, 0.3}, {0, 0.4}, {0.2, 0.5}, {0.1, 0.7}};

  @TempDir
  Path tmp;

  private CheckedProgram program() throws IOException {
    Path file = Files.writeString(tmp.resolve("normal.pmm"), MODEL);
    return ProgramChecker.checkFile(file, "normal.pmm", Map.of());
  }

  @Test
  void aModelOnJsonDataIsSummarisedFromItsGuide() throws IOException {
    Path data = Files.writeString(tmp.resolve("x.json"),
        "{\"x\": [[-0.1, 0.3], [0, 0.4], [0.2, 0.5], [0.1, 0.7]]}");
    Path out = tmp.resolve("out");
    List<PosteriorSummary.Row> rows =
        new GeneralTraining(program(), data, out, 4000, 0, null).run();
    assertEquals(List.of("z[0]", "z[1]"), rows.stream().map(PosteriorSummary.Row::element).toList());

    ParamStore store = new ParamStore();
    ParamStoreFile.load(out.resolve("params"), store, new HashMap<String, Optimizer>());
    double[] loc = store.constrained("posterior.z_loc").toDoubleVector();
    double[] scale = store.constrained("posterior.z_scale").toDoubleVector();
    double[] tau = {6, 4};
    double[] mu0 = {0, 0.5};
    for (int j = 0; j < 2; j++) {
      PosteriorSummary.Row r = rows.get(j);
      double mcError = scale[j] / Math.sqrt(4000);
      assertEquals(loc[j], r.mean(), 4 * mcError, "mean of z[" + j + "]");
      assertEquals(scale[j], r.sd(), 0.05 * scale[j], "sd of z[" + j + "]");
      assertEquals(loc[j], r.q50(), 6 * mcError, "median of z[" + j + "]");
      assertEquals(loc[j] - 1.6449 * scale[j], r.q5(), 10 * mcError, "q5 of z[" + j + "]");
      assertEquals(loc[j] + 1.6449 * scale[j], r.q95(), 10 * mcError, "q95 of z[" + j + "]");

      double sum = 0;
      for (double[] row : X) {
        sum += row[j];
      }
      double precision = 0.1 + X.length * tau[j];
      double exactMean = (0.1 * mu0[j] + tau[j] * sum) / precision;
      double exactSd = 1 / Math.sqrt(precision);
      assertEquals(exactMean, loc[j], 0.5 * exactSd, "the guide's mean against the posterior's");
      assertEquals(exactSd, scale[j], 0.3 * exactSd, "the guide's sd against the posterior's");
    }
    List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
    assertEquals("site,mean,sd,q5,q50,q95", summary.get(0));
    assertTrue(summary.get(1).startsWith("z[0]," + rows.get(0).mean() + ","), summary.get(1));
    List<String> loss = Files.readAllLines(out.resolve("loss.csv"));
    assertEquals("step,loss", loss.get(0));
    assertEquals(801, loss.size(), "one line per step");
    assertTrue(Files.size(out.resolve("loss.png")) > 1000, "a figure was drawn");
  }

  /**
   * Each progress line gives the step's loss and its parts: nll and kl (printed to four
   * decimals) add up to the loss, which is the step's row of loss.csv.
   */
  @Test
  void progressLinesSplitTheLossIntoItsParts() throws IOException {
    Path file = Files.writeString(tmp.resolve("normal.pmm"), MODEL);
    CheckedProgram program = ProgramChecker.checkFile(file, "normal.pmm", Map.of("epochs", "3"));
    Path data = Files.writeString(tmp.resolve("x.json"),
        "{\"x\": [[-0.1, 0.3], [0, 0.4], [0.2, 0.5], [0.1, 0.7]]}");
    Path out = tmp.resolve("out");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new GeneralTraining(program, data, out, 100, 0,
        new PrintStream(bytes, true, StandardCharsets.UTF_8)).verbose(true).run();
    List<String> csv = Files.readAllLines(out.resolve("loss.csv"));
    Pattern line = Pattern.compile(
        "normal\\.pmm: step (\\d)/3, loss (\\S+) \\(nll (\\S+) \\+ kl (\\S+)\\)");
    List<Matcher> steps = bytes.toString(StandardCharsets.UTF_8).lines()
        .map(line::matcher).filter(Matcher::matches).toList();
    assertEquals(3, steps.size(), bytes.toString(StandardCharsets.UTF_8));
    for (Matcher m : steps) {
      double loss = Double.parseDouble(m.group(2));
      double nll = Double.parseDouble(m.group(3));
      double kl = Double.parseDouble(m.group(4));
      assertEquals(loss, nll + kl, 2e-4, m.group());
      int step = Integer.parseInt(m.group(1)) - 1;
      assertEquals(Double.parseDouble(csv.get(step + 1).split(",")[1]), loss, 1e-4, m.group());
    }
  }

  @Test
  void dataThatDoNotFitTheDeclarationAreRefusedNamingTheEntry() throws IOException {
    CheckedProgram program = program();
    Path wrongWidth = Files.writeString(tmp.resolve("w.json"), "{\"x\": [[1, 2, 3]]}");
    UserError e = assertThrows(UserError.class,
        () -> new GeneralTraining(program, wrongWidth, tmp.resolve("o1"), 10, 0, null).run());
    assertEquals("normal.pmm:6:3: data entry 'x' is declared [N, 2] but 'x' in "
        + wrongWidth + " has 3 in dimension 2", e.getMessage());

    Path missing = Files.writeString(tmp.resolve("m.json"), "{\"y\": [1]}");
    e = assertThrows(UserError.class,
        () -> new GeneralTraining(program, missing, tmp.resolve("o2"), 10, 0, null).run());
    assertEquals("normal.pmm:6:3: data entry 'x' reads 'x', which " + missing
        + " does not hold (it holds: y)", e.getMessage());

    e = assertThrows(UserError.class,
        () -> new GeneralTraining(program, null, tmp.resolve("o3"), 10, 0, null).run());
    assertTrue(e.getMessage().endsWith("has no values: give them inline or in a file with --data"),
        e.getMessage());
  }
}
