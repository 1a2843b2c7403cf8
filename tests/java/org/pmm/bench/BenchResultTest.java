package org.pmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The bench row's fields (docs/cli.md), with the PyTorch ones present only after a comparison. */
class BenchResultTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BenchResult row = new BenchResult("gmu", "bench", 0.35, 0.26, 0.5, 20, 20.5,
      0.12, 0.35 / 0.12, 0.35 * 31, 900, null, new JitWarmup.Summary(40, 7.5, 1.25), null,
      null);

  @Test
  void withoutAComparisonThereAreNoPytorchFields() throws Exception {
    JsonNode node = JSON.readTree(JSON.writeValueAsString(row));
    assertFalse(node.has("pytorch_step_seconds"));
    assertFalse(node.has("ratio_to_pytorch"));
    assertEquals(0.35, node.get("step_seconds").asDouble());
    assertEquals(40, node.get("warmup").get("steps").asInt());
    assertEquals(1.25, node.get("warmup").get("compile_seconds").asDouble());
  }

  @Test
  void theRatioIsPmmsMedianOverPytorchs() throws Exception {
    JsonNode node = JSON.readTree(JSON.writeValueAsString(row.withPytorch(0.28)));
    assertEquals(0.28, node.get("pytorch_step_seconds").asDouble());
    assertEquals(1.25, node.get("ratio_to_pytorch").asDouble(), 1e-12);
    assertEquals(0.35, node.get("step_seconds").asDouble());
    assertEquals(20, node.get("steps").asInt());
  }
}
