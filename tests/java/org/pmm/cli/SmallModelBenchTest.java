package org.pmm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.base.ExitCodes;

/**
 * {@code pmm bench --systems coin} (docs/cli.md): a row {@code "system": "coin", "config":
 * "small"} with the median of the timed steps, between their minimum and maximum, and no GEMM
 * fields; no GEMM rate is measured for small models alone; no PyTorch reference exists for them.
 */
class SmallModelBenchTest {
  @TempDir
  Path tmp;

  @Test
  void theCoinRowTimesStepsOfTheShippedModel() throws IOException {
    Path out = tmp.resolve("bench.json");
    CliRun r = CliRun.of("bench", "--systems", "coin", "--steps", "40", "--out", out.toString());
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    assertFalse(r.err().contains("GEMM rate"), r.err());
    JsonNode row = new ObjectMapper().readTree(out.toFile()).get("results").get(0);
    assertEquals("coin", row.get("system").asText());
    assertEquals("small", row.get("config").asText());
    assertEquals(40, row.get("steps").asInt());
    double median = row.get("step_seconds").asDouble();
    assertTrue(row.get("step_seconds_min").asDouble() <= median
        && median <= row.get("step_seconds_max").asDouble() && median > 0, row.toString());
    assertFalse(row.has("gemm_bound_seconds") || row.has("ratio_to_gemm_bound"), row.toString());

    CliRun compare = CliRun.of("bench", "--systems", "coin", "--compare-pytorch");
    assertEquals(ExitCodes.USAGE, compare.exit(), compare.err());
    assertTrue(compare.err().contains("--compare-pytorch has references for gmu, pmmo and mmo"
        + " only, not 'coin'"), compare.err());
  }
}
