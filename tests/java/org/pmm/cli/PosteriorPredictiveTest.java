package org.pmm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.base.ExitCodes;

/**
 * A user's conjugate model, trained and predicted from the command line, against its exact
 * posterior: a regression through the origin y_i ~ Normal(b·x_i, 1) with b ~ Normal(0, 1), data
 * in a CSV file, so that b | data ~ Normal(Σxy / (1 + Σx²), 1 / (1 + Σx²)) and a new point's
 * predictive is Normal(b̂·x*, x*²·var + 1). Trained with a written Normal guide and with
 * {@code guide m = auto_normal}; {@code pmm predict} at new x read from JSON, the observation y
 * left out.
 */
class PosteriorPredictiveTest {
  private static final double[] X = {1, 2, -1};
  private static final double[] Y = {1.2, 1.9, -0.8};
  private static final double PRECISION = 1 + 1 + 4 + 1;
  private static final double MEAN = (1.2 + 3.8 + 0.8) / PRECISION;
  private static final int DRAWS = 4000;

  @TempDir
  Path tmp;

  private static String program(String guide) {
    return """
        // y = b x + noise, noise sd 1, prior b ~ Normal(0, 1)
        hyper {
          lr = 0.05
          epochs = 1500
        }
        data {
          x: real[N]
          y: real[N]
        }
        model m {
          b ~ Normal(0, 1)
          plate rows(N) {
            y ~ Normal(b * x, 1)
          }
        }
        """ + guide + """

        train {
          epochs = epochs
          objective m: elbo(m, estimator: trace, particles: 8) using ClippedAdam(lr, lr_decay: 0.998)
        }
        """;
  }

  private static final String WRITTEN = """
      guide m {
        param b_loc = 0.0
        param b_scale > 0 = 1.0
        b ~ Normal(b_loc, b_scale)
      }
      """;

  /** site → {mean, sd} from a summary or predictive CSV. */
  private static Map<String, double[]> read(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    assertEquals("site,mean,sd,q5,q50,q95", lines.get(0));
    Map<String, double[]> out = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      out.put(f[0], new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"written", "auto_normal"})
  void trainsAndPredictsTheExactPosterior(String guide) throws IOException {
    Path model = tmp.resolve("regression.pmm");
    Files.writeString(model, program(guide.equals("written") ? WRITTEN : "guide m = auto_normal\n"));
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i < X.length; i++) {
      csv.append(X[i]).append(',').append(Y[i]).append('\n');
    }
    Path data = Files.writeString(tmp.resolve("train.csv"), csv);
    Path run = tmp.resolve("run");
    CliRun train = CliRun.of("train", model.toString(), "--data", data.toString(),
        "--summary-samples", String.valueOf(DRAWS), "--out", run.toString(), "--quiet");
    assertEquals(ExitCodes.OK, train.exit(), train.err());
    double[] b = read(run.resolve("summary.csv")).get("b");
    double sd = Math.sqrt(1 / PRECISION);
    // Monte-Carlo error of the mean of 4000 draws is sd/63; the rest is SVI's own noise
    assertEquals(MEAN, b[0], 0.1 * sd, guide + ": posterior mean of b");
    assertEquals(sd, b[1], 0.05 * sd, guide + ": posterior sd of b");

    Path newPoints = Files.writeString(tmp.resolve("new.json"), "{\"x\": [5, -3]}");
    CliRun predict = CliRun.of("predict", model.toString(), "--params", run.toString(),
        "--data", newPoints.toString(), "--samples", String.valueOf(DRAWS), "--quiet");
    assertEquals(ExitCodes.OK, predict.exit(), predict.err());
    Map<String, double[]> y = read(run.resolve("predictive.csv"));
    assertEquals(List.of("y[0]", "y[1]"), List.copyOf(y.keySet()));
    double[] at = {5, -3};
    for (int i = 0; i < 2; i++) {
      double mean = MEAN * at[i];
      double predictiveSd = Math.sqrt(at[i] * at[i] / PRECISION + 1);
      double[] got = y.get("y[" + i + "]");
      assertEquals(mean, got[0], 0.05 * Math.abs(mean), guide + ": predictive mean at " + at[i]);
      assertEquals(predictiveSd, got[1], 0.05 * predictiveSd, guide + ": predictive sd at " + at[i]);
    }
  }

  @Test
  void predictionNeedsTheSizesAndParametersOfItsModel() throws IOException {
    Path model = Files.writeString(tmp.resolve("regression.pmm"), program(WRITTEN));
    Path run = Files.createDirectories(tmp.resolve("empty"));
    CliRun missing = CliRun.of("predict", model.toString(), "--params", run.toString());
    assertEquals(ExitCodes.BAD_INPUT, missing.exit(), missing.err());
    assertTrue(missing.err().contains("no trained parameters at"), missing.err());

    CliRun coin = CliRun.of("train", "models/beta_bernoulli.pmm", "--set", "epochs=2",
        "--summary-samples", "2", "--out", run.toString(), "--quiet");
    assertEquals(ExitCodes.OK, coin.exit(), coin.err());
    Path onlyX = Files.writeString(tmp.resolve("x.json"), "{\"x\": [1.0]}");
    CliRun foreign = CliRun.of("predict", model.toString(), "--params", run.toString(), "--data",
        onlyX.toString());
    assertEquals(ExitCodes.BAD_INPUT, foreign.exit(), foreign.err());
    assertTrue(foreign.err().contains("were not trained for") && foreign.err().contains("m.b_loc"),
        foreign.err());

    Path onlyObserved = Files.writeString(tmp.resolve("mean.pmm"), """
        data { y: real[N] }
        model m {
          mu ~ Normal(0, 1)
          plate rows(N) { y ~ Normal(mu, 1) }
        }
        guide m = auto_normal
        """);
    Path nothing = Files.writeString(tmp.resolve("none.json"), "{}");
    CliRun unsized = CliRun.of("predict", onlyObserved.toString(), "--params", run.toString(),
        "--data", nothing.toString());
    assertEquals(ExitCodes.BAD_INPUT, unsized.exit(), unsized.err());
    assertTrue(unsized.err().contains("no other entry gives the size of its dimension 'N'"),
        unsized.err());
  }
}
