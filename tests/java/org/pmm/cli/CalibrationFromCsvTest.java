package org.pmm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.base.ExitCodes;
import org.pmm.data.SurrogateGenerator;

/**
 * results.json's {@code calibration} of a trained system equals the expected calibration error,
 * Brier score and negative log-likelihood recomputed here, independently, from the predictions
 * CSV's {@code p_} and {@code y_} columns (15 equal-width bins, a probability on an edge in the
 * lower bin, as numpy's searchsorted puts it); its {@code tuned_thresholds} and
 * {@code temperature_scaled} scores equal those recomputed from the same file with the
 * thresholds and the temperature results.json gives.
 */
class CalibrationFromCsvTest {
  @TempDir
  Path tmp;

  @Test
  void resultsJsonMatchesTheScoresOfThePredictionsFile() throws IOException {
    Path data = tmp.resolve("small.h5");
    SurrogateGenerator.write(data, 400, 1, line -> { });
    Path out = tmp.resolve("run");
    CliRun r = CliRun.of("train", "models/gmu.pmm", "--data", data.toString(), "--set",
        "hidden=16", "--set", "classifier_width=16", "--set", "epochs=2", "--out", out.toString(),
        "--quiet");
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    JsonNode calibration = new ObjectMapper().readTree(out.resolve("results.json").toFile())
        .get("systems").get(0).get("cycles").get(0).get("calibration");
    List<String> lines = Files.readAllLines(out.resolve("predictions-gmu-cycle0.csv"));
    int genres = (lines.get(0).split(",").length - 1) / 2;
    int bins = 15;
    double[] sumP = new double[bins];
    double[] sumY = new double[bins];
    int[] count = new int[bins];
    double brier = 0;
    double nll = 0;
    int n = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.strip().split(",");
      for (int g = 0; g < genres; g++) {
        double p = Double.parseDouble(f[1 + g]);
        double y = Double.parseDouble(f[1 + genres + g]);
        int b = 0;
        while (b < bins - 1 && p > (b + 1) / 15.0) {
          b++;
        }
        sumP[b] += p;
        sumY[b] += y;
        count[b]++;
        brier += (p - y) * (p - y);
        double c = Math.min(Math.max(p, 1e-15), 1 - 1e-15);
        nll += -(y * Math.log(c) + (1 - y) * Math.log(1 - c));
        n++;
      }
    }
    double ece = 0;
    for (int b = 0; b < bins; b++) {
      if (count[b] > 0) {
        ece += (double) count[b] / n * Math.abs(sumP[b] / count[b] - sumY[b] / count[b]);
      }
    }
    assertTrue(n > 1000, "pairs scored: " + n);
    assertEquals(ece, calibration.get("ece").asDouble(), 1e-6, "ECE");
    assertEquals(brier / n, calibration.get("brier").asDouble(), 1e-6, "Brier");
    assertEquals(nll / n, calibration.get("nll").asDouble(), 1e-5, "NLL");
    assertTrue(Files.readString(out.resolve("report.md")).contains("## Calibration (test set)"));
    assertTrue(Files.size(out.resolve("fig4-calibration.png")) > 1000, "the reliability diagram");
    assertTrue(Files.size(out.resolve("fig5-selective.png")) > 1000, "the selective-prediction figure");
  }

  @Test
  void tunedThresholdsAndTemperatureScoreThePredictionsFileAsResultsJsonSays()
      throws IOException {
    Path data = tmp.resolve("small.h5");
    SurrogateGenerator.write(data, 400, 2, line -> { });
    Path out = tmp.resolve("tuned");
    CliRun r = CliRun.of("train", "models/gmu.pmm", "--data", data.toString(), "--set",
        "hidden=16", "--set", "classifier_width=16", "--set", "epochs=3", "--out", out.toString(),
        "--quiet");
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    JsonNode cycle = new ObjectMapper().readTree(out.resolve("results.json").toFile())
        .get("systems").get(0).get("cycles").get(0);
    List<String> lines = Files.readAllLines(out.resolve("predictions-gmu-cycle0.csv"));
    String[] header = lines.get(0).strip().split(",");
    int genres = (header.length - 1) / 2;
    double[] thresholds = new double[genres];
    for (int g = 0; g < genres; g++) {
      thresholds[g] = cycle.get("tuned_thresholds").get("thresholds")
          .get(header[1 + g].substring(2)).asDouble();
    }
    long[] tp = new long[genres];
    long[] fp = new long[genres];
    long[] fn = new long[genres];
    double temperature = cycle.get("temperature_scaled").get("temperature").asDouble();
    int bins = 15;
    double[] sumP = new double[bins];
    double[] sumY = new double[bins];
    int[] count = new int[bins];
    int n = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.strip().split(",");
      for (int g = 0; g < genres; g++) {
        double p = Double.parseDouble(f[1 + g]);
        int y = Integer.parseInt(f[1 + genres + g]);
        boolean predicted = p >= thresholds[g];
        tp[g] += predicted && y == 1 ? 1 : 0;
        fp[g] += predicted && y == 0 ? 1 : 0;
        fn[g] += !predicted && y == 1 ? 1 : 0;
        double c = Math.min(Math.max(p, 1e-7), 1 - 1e-7);
        double scaled = 1 / (1 + Math.exp(-Math.log(c / (1 - c)) / temperature));
        int b = 0;
        while (b < bins - 1 && scaled > (b + 1) / 15.0) {
          b++;
        }
        sumP[b] += scaled;
        sumY[b] += y;
        count[b]++;
        n++;
      }
    }
    double weighted = 0;
    long support = 0;
    for (int g = 0; g < genres; g++) {
      double f1 = tp[g] == 0 ? 0 : 2.0 * tp[g] / (2 * tp[g] + fp[g] + fn[g]);
      weighted += f1 * (tp[g] + fn[g]);
      support += tp[g] + fn[g];
    }
    assertEquals(weighted / support,
        cycle.get("tuned_thresholds").get("test").get("weighted").asDouble(), 1e-12,
        "weighted F1 with the tuned thresholds");
    double ece = 0;
    for (int b = 0; b < bins; b++) {
      if (count[b] > 0) {
        ece += (double) count[b] / n * Math.abs(sumP[b] / count[b] - sumY[b] / count[b]);
      }
    }
    assertEquals(ece, cycle.get("temperature_scaled").get("ece").asDouble(), 1e-6,
        "ECE after the temperature");
    assertTrue(Files.readString(out.resolve("report.md"))
        .contains("## Thresholds and temperature fitted on validation data"));

    // the predictive file: its means scored at 0.5 and its mean sd are results.json's
    List<String> predictive = Files.readAllLines(out.resolve("predictive-gmu-cycle0.csv"));
    assertEquals(lines.size(), predictive.size(), "one predictive row per movie");
    long[] ptp = new long[genres];
    long[] pfp = new long[genres];
    long[] pfn = new long[genres];
    double sdSum = 0;
    for (int i = 1; i < predictive.size(); i++) {
      String[] f = predictive.get(i).strip().split(",");
      String[] y = lines.get(i).strip().split(",");
      assertEquals(y[0], f[0], "same movie order as the predictions file");
      for (int g = 0; g < genres; g++) {
        boolean predicted = Double.parseDouble(f[1 + g]) >= 0.5;
        int label = Integer.parseInt(y[1 + genres + g]);
        ptp[g] += predicted && label == 1 ? 1 : 0;
        pfp[g] += predicted && label == 0 ? 1 : 0;
        pfn[g] += !predicted && label == 1 ? 1 : 0;
        sdSum += Double.parseDouble(f[1 + genres + g]);
      }
    }
    double pweighted = 0;
    for (int g = 0; g < genres; g++) {
      double f1 = ptp[g] == 0 ? 0 : 2.0 * ptp[g] / (2 * ptp[g] + pfp[g] + pfn[g]);
      pweighted += f1 * (ptp[g] + pfn[g]);
    }
    JsonNode scores = cycle.get("predictive");
    assertEquals("MC dropout", scores.get("method").asText());
    assertEquals(pweighted / support, scores.get("test").get("weighted").asDouble(), 1e-12,
        "weighted F1 of the predictive mean");
    assertEquals(sdSum / n, scores.get("mean_sd").asDouble(), 1e-6, "mean sd");
    assertTrue(sdSum / n > 0, "dropout spreads the draws");
    assertEquals(selectiveAreaBySpread(predictive, lines, genres),
        scores.get("selective_area_by_sd").asDouble(), 1e-12, "selective area by spread");
  }

  /**
   * The selective-prediction area, computed here from the files alone: movies sorted by their
   * mean sd over genres (lowest first, ties in file order), the weighted F1 of the predictive
   * means at 0.5 on the first round(n · (100 − k) / 100) movies for k = 0, 5, ..., 50, and the
   * trapezoid area under F1 against coverage divided by the coverage it spans.
   */
  private static double selectiveAreaBySpread(List<String> predictive, List<String> predictions,
      int genres) {
    int n = predictive.size() - 1;
    double[][] mean = new double[n][genres];
    int[][] y = new int[n][genres];
    double[] spread = new double[n];
    for (int i = 0; i < n; i++) {
      String[] f = predictive.get(i + 1).strip().split(",");
      String[] l = predictions.get(i + 1).strip().split(",");
      double sum = 0;
      for (int g = 0; g < genres; g++) {
        mean[i][g] = Double.parseDouble(f[1 + g]);
        y[i][g] = Integer.parseInt(l[1 + genres + g]);
        sum += Float.parseFloat(f[1 + genres + g]);
      }
      spread[i] = sum / genres;
    }
    List<Integer> order = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    order.sort(java.util.Comparator.comparingDouble(i -> spread[i]));
    double[] coverage = new double[11];
    double[] f1 = new double[11];
    for (int k = 0; k <= 10; k++) {
      int kept = (int) Math.round(n * (100 - 5 * k) / 100.0);
      long[] tp = new long[genres];
      long[] fp = new long[genres];
      long[] fn = new long[genres];
      for (int r = 0; r < kept; r++) {
        int i = order.get(r);
        for (int g = 0; g < genres; g++) {
          boolean predicted = mean[i][g] >= 0.5;
          tp[g] += predicted && y[i][g] == 1 ? 1 : 0;
          fp[g] += predicted && y[i][g] == 0 ? 1 : 0;
          fn[g] += !predicted && y[i][g] == 1 ? 1 : 0;
        }
      }
      double weighted = 0;
      long support = 0;
      for (int g = 0; g < genres; g++) {
        weighted += (tp[g] == 0 ? 0 : 2.0 * tp[g] / (2 * tp[g] + fp[g] + fn[g])) * (tp[g] + fn[g]);
        support += tp[g] + fn[g];
      }
      coverage[k] = (double) kept / n;
      f1[k] = support == 0 ? 0 : weighted / support;
    }
    double area = 0;
    for (int k = 1; k <= 10; k++) {
      area += (coverage[k - 1] - coverage[k]) * (f1[k - 1] + f1[k]) / 2;
    }
    return area / (coverage[0] - coverage[10]);
  }
}
