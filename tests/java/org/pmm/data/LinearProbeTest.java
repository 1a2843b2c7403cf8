package org.pmm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class LinearProbeTest {
  @Test
  void weightedF1MatchesScikitLearnsDefinition() {
    // Genre 0: y = 1,1,0,0; predicted 1,0,1,0 -> tp 1, fp 1, fn 1 -> F1 1/2, support 2.
    // Genre 1: y = 1,0,0,0; predicted 1,0,0,0 -> F1 1, support 1.
    // Genre 2: no positives, one false positive -> F1 0 (zero_division = 0), support 0.
    float[][] p = {{0.9f, 0.6f, 0.1f}, {0.2f, 0.1f, 0.7f}, {0.5f, 0.4f, 0.2f}, {0.1f, 0.0f, 0.3f}};
    float[][] y = {{1, 1, 0}, {1, 0, 0}, {0, 0, 0}, {0, 0, 0}};
    double expected = (2 * 0.5 + 1 * 1.0) / 3;
    assertEquals(expected, LinearProbe.weightedF1(Nd4j.create(p), Nd4j.create(y)), 1e-12);
  }
}
