package org.pmm.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmm.experiment.systems.Overrides;
import org.pmm.experiment.systems.SystemConfig;

/**
 * The epoch-cost model reproduces the seconds per epoch it was fitted to (the default
 * experiment's report, two cycles at a time on 2 cores).
 */
class EpochCostTest {
  private static SystemConfig quick(String kind, int width) {
    return Overrides.apply(kind, Map.of("hidden", String.valueOf(width), "classifier_width",
        String.valueOf(width), "maxout_pieces", "2"));
  }

  @Test
  void reproducesTheMeasuredSecondsPerEpoch() {
    assertEquals(1.73, EpochCost.of(quick("gmu", 256)), 0.05);
    assertEquals(2.27, EpochCost.of(quick("pmmo", 256)), 0.05);
    assertEquals(12.98, EpochCost.of(quick("pmmo", 1024)), 0.2);
  }

  @Test
  void aVariationalSystemCostsMoreThanItsDeterministicTwin() {
    double ratio = EpochCost.of(quick("pmmo", 256)) / EpochCost.of(quick("mmo", 256));
    assertEquals(1.31, ratio, 0.05);
  }
}
