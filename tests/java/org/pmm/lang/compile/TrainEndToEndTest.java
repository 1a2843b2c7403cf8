package org.pmm.lang.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.cli.Main;
import org.pmm.data.SurrogateGenerator;

/** {@code pmm train MODEL.pmm} compiles the model and trains it end to end through the CLI. */
class TrainEndToEndTest {
  @TempDir
  static Path dir;
  static Path data;

  @BeforeAll
  static void generate() throws Exception {
    data = dir.resolve("small.h5");
    SurrogateGenerator.write(data, 400, 3, line -> { });
  }

  @Test
  void trainsTheGmuModelAndWritesResults() throws Exception {
    Path out = dir.resolve("run");
    int exit = Main.run("train", "models/gmu.pmm", "--data", data.toString(), "--set", "epochs=1",
        "--set", "hidden=16", "--set", "classifier_width=16", "--set", "batch_size=64",
        "--out", out.toString(), "--quiet");
    assertEquals(0, exit);
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    JsonNode system = results.get("systems").get(0);
    assertEquals("gmu", system.get("slug").asText());
    assertEquals(16, system.get("config").get("hidden").asInt());
    JsonNode cycle = system.get("cycles").get(0);
    assertEquals(1, cycle.get("train_loss").size());
    assertTrue(Double.isFinite(cycle.get("train_loss").get(0).asDouble()));
    double micro = cycle.get("test").get("micro").asDouble();
    assertTrue(micro >= 0 && micro <= 1, "micro F1 " + micro);
    assertTrue(Files.exists(out.resolve("predictions-gmu-cycle0.csv")));
  }

  @Test
  void anUnknownSetNameIsACheckErrorWithASuggestion() {
    String err = stderrOf("train", "models/gmu.pmm", "--data", data.toString(), "--set", "hiden=16",
        "--out", dir.resolve("bad").toString(), "--quiet");
    assertTrue(err.contains("hiden") && err.contains("did you mean 'hidden'"), err);
  }

  @Test
  void checkErrorsAreReportedInTheCanonicalForm() throws Exception {
    Path model = dir.resolve("typo.pmm");
    Files.writeString(model, Files.readString(Path.of("models/gmu.pmm")).replace("Adam(lr)", "Adma(lr)"));
    String err = stderrOf("train", model.toString(), "--data", data.toString(), "--quiet",
        "--out", dir.resolve("typo").toString());
    assertTrue(err.startsWith(model + ":") && err.contains(": error: ") && err.contains("Adma"), err);
  }

  /** Runs the CLI expecting exit code 1 and returns what it wrote to standard error. */
  private static String stderrOf(String... args) {
    PrintStream saved = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit;
    try {
      System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      exit = Main.run(args);
    } finally {
      System.setErr(saved);
    }
    String err = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(1, exit, err);
    return err;
  }
}
