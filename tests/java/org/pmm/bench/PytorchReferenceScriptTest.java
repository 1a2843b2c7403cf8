package org.pmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;

/**
 * {@code bench/pytorch_reference.py} itself, where PyTorch is installed (Debian's
 * python3-torch); skipped on machines without it, where the other bench tests still run. Its
 * {@code --check} compares its hand-written Laplace sampler, log-densities and ClippedAdam
 * with torch.distributions and plain arithmetic; the comparison runs both sides end to end at
 * the smallest config.
 */
class PytorchReferenceScriptTest {
  private static final Path SCRIPT = PytorchReference.script(Path.of("."));
  private static String python;

  @BeforeAll
  static void findTorch() {
    try {
      python = PythonFinder.find(System.getenv());
    } catch (PytorchReferenceException e) {
      python = null;
    }
  }

  /** Per test, so that a machine without torch reports each one as skipped. */
  @BeforeEach
  void requireTorch() {
    Assumptions.assumeTrue(python != null, "PyTorch is not installed: " + "apt-get install"
        + " python3-torch to run these tests");
  }

  @Test
  void itsSelfCheckPasses() throws Exception {
    Result r = runScript("--check");
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("6 checks passed"), r.output());
  }

  @Test
  void standaloneItPrintsOneJsonObjectWithEveryStepStatistic() throws Exception {
    Result r = runScript("--config", "quick", "--systems", "gmu,mmo", "--steps", "2",
        "--threads", "1");
    assertEquals(0, r.exit(), r.output());
    JsonNode json = new ObjectMapper().readTree(r.output());
    assertEquals(1, json.get("threads").asInt());
    assertEquals(2, json.get("results").size());
    for (JsonNode row : json.get("results")) {
      assertEquals(2, row.get("steps").asInt());
      double min = row.get("step_seconds_min").asDouble();
      assertTrue(min > 0 && min <= row.get("step_seconds").asDouble()
          && row.get("step_seconds").asDouble() <= row.get("step_seconds_max").asDouble(),
          row.toString());
    }
    assertEquals("mmo", json.get("results").get(1).get("system").asText());
  }

  @Test
  void comparisonAlternatesBothSidesAndReportsTheRatio() {
    PytorchComparison c = new PytorchComparison(List.of(python), SCRIPT, 1, message -> {});
    BenchResult row = c.run("gmu", "quick", 2);
    assertEquals(2, row.steps());
    assertTrue(row.pytorchStepSeconds() > 0, row.toString());
    assertEquals(row.stepSeconds() / row.pytorchStepSeconds(), row.ratioToPytorch(), 1e-12);
    assertEquals(1, c.ready().threads());
  }

  @Test
  void anUnknownRequestEndsTheServerWithUsageExit() throws Exception {
    Process p = new ProcessBuilder(python, SCRIPT.toString(), "--serve", "--systems", "gmu",
        "--config", "quick", "--threads", "1").redirectErrorStream(true).start();
    p.getOutputStream().write("lots\n".getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), out);
    assertTrue(out.contains("expected a number of steps or 'quit', got 'lots'"), out);
  }

  private record Result(int exit, String output) {}

  private static Result runScript(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(python, SCRIPT.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the script did not finish");
    return new Result(p.exitValue(), out);
  }
}
