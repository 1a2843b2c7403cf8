package org.pmm.experiment.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.base.UserError;
import org.pmm.experiment.metrics.Calibration;
import org.pmm.experiment.metrics.F1Scores;
import org.pmm.experiment.metrics.GenreScore;

class ResultsJsonTest {
  @TempDir Path dir;

  @Test
  void roundTripsEveryField() throws Exception {
    ExperimentResults results = ResultsFixtures.fullExperiment();
    Path file = dir.resolve("results.json");
    ResultsJson.write(file, results);
    assertEquals(results, ResultsJson.read(file));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void fieldNamesAndOrderAreThoseOfSpecSection7() throws Exception {
    ExperimentResults results = ResultsFixtures.fullExperiment();
    JsonNode root = new ObjectMapper().readTree(ResultsJson.toJson(results));
    assertEquals(List.of("pmm_version", "data", "systems", "comparisons"), keys(root));
    assertEquals(List.of("path", "rows", "split"), keys(root.get("data")));
    JsonNode system = root.get("systems").get(0);
    assertEquals(List.of("name", "slug", "model", "config", "cycles", "mean", "std"), keys(system));
    JsonNode cycle = system.get("cycles").get(0);
    assertEquals(List.of("seed", "selected_epoch", "test", "per_genre", "val_weighted_f1",
        "train_loss", "epoch_seconds"), keys(cycle));
    assertEquals(List.of("micro", "macro", "weighted", "samples"), keys(cycle.get("test")));
    assertEquals(ResultsFixtures.GENRES, keys(cycle.get("per_genre")), "genre order is kept");
    assertEquals(List.of("f1", "weighted_f1", "support"), keys(cycle.get("per_genre").get("Drama")));
    assertEquals(List.of("hidden", "classifier_width", "maxout_pieces", "lr", "epochs",
        "batchnorm", "elbo", "l2", "threshold"), keys(system.get("config")));
    JsonNode comparison = root.get("comparisons").get(0);
    assertEquals(List.of("a", "b", "metric", "welch_t", "p"), keys(comparison));
    assertEquals("pmmo-lkl-l2", comparison.get("a").asText());
    assertEquals("gmu", comparison.get("b").asText());
  }

  @Test
  void undefinedComparisonsAndOptionalFieldsSurviveTheRoundTrip() throws Exception {
    Map<String, GenreScore> perGenre = Map.of("Drama", new GenreScore(0.8, 0.79, 10));
    CycleResult one = new CycleResult(7, 3, new F1Scores(0.6, 0.5, 0.59, 0.61), perGenre,
        List.of(0.5, 0.6, 0.61), List.of(2.0, Double.NaN, 1.0), List.of(1.5, 1.4, 1.3), 2L,
        new Calibration.Scores(0.03, 0.07, 0.21));
    SystemResult a = SystemResult.summarise("A", "pmmo-lkl-l2", "models/pmmo.pmm",
        Map.of("hidden", 8), List.of(one), "one cycle only");
    SystemResult b = SystemResult.summarise("B", "gmu", "models/gmu.pmm", Map.of("hidden", 8),
        List.of(one));
    ExperimentResults results = ExperimentResults.withStandardComparisons("0.1.0",
        new DataInfo("d.h5", 5, "random"), List.of(a, b));
    Comparison c = results.comparisons().get(0);
    assertNull(c.welchT());
    assertNull(c.p());
    assertTrue(c.note().contains("at least 2 cycles"));
    assertFalse(c.significantAt(0.05));
    assertEquals(new F1Scores(0, 0, 0, 0), a.std(), "std of one cycle is 0");

    Path file = dir.resolve("results.json");
    ResultsJson.write(file, results);
    String text = Files.readString(file);
    assertTrue(text.contains("\"welch_t\" : null"), text);
    assertTrue(text.contains("\"skipped_batches\" : 2"), text);
    assertTrue(text.contains("\"calibration\" : {"), text);
    assertTrue(text.contains("\"notes\" : \"one cycle only\""), text);
    assertEquals(results, ResultsJson.read(file));
  }

  @Test
  void badFilesAreUserErrorsNamingTheFile() throws Exception {
    Path missing = dir.resolve("missing.json");
    UserError e1 = assertThrows(UserError.class, () -> ResultsJson.read(missing));
    assertTrue(e1.getMessage().contains("missing.json"));
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"pmm_version\": ");
    UserError e2 = assertThrows(UserError.class, () -> ResultsJson.read(broken));
    assertTrue(e2.getMessage().contains("broken.json"));
  }

  private static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    return keys;
  }
}
