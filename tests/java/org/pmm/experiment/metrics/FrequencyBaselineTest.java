package org.pmm.experiment.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrequencyBaselineTest {
  @Test
  void predictsTheKMostFrequentTrainingGenres() {
    // Training counts per genre: (1, 3, 3, 2); 9 ones over 4 rows -> 2.25 labels per row -> k = 2.
    // Most frequent: genres 1 and 2 (tie at 3, broken by column order).
    int[][] train = {{1, 1, 1, 0}, {0, 1, 1, 1}, {0, 1, 0, 1}, {0, 0, 1, 0}};
    FrequencyBaseline b = FrequencyBaseline.fit(train);
    assertArrayEquals(new int[] {1, 2}, b.predictedGenres());
    assertArrayEquals(new int[][] {{0, 1, 1, 0}, {0, 1, 1, 0}}, b.predict(2));

    // Test rows: {0,1,0,0} -> TP=1 FP=1 FN=0 -> 2/3 ; {1,0,0,1} -> TP=0 -> 0.
    // micro: TP=1 FP=3 FN=2 -> 2/(2+3+2) = 2/7
    // columns: g0 TP0 FN1 -> 0; g1 TP1 FP1 -> 2/3; g2 FP2 -> 0; g3 FN1 -> 0
    // macro: (2/3)/4 = 1/6; weighted: (0·1 + 2/3·1 + 0·0 + 0·1)/3 = 2/9; samples: (2/3+0)/2 = 1/3
    F1Scores s = b.score(new int[][] {{0, 1, 0, 0}, {1, 0, 0, 1}});
    assertEquals(2.0 / 7, s.micro(), 1e-12);
    assertEquals(1.0 / 6, s.macro(), 1e-12);
    assertEquals(2.0 / 9, s.weighted(), 1e-12);
    assertEquals(1.0 / 3, s.samples(), 1e-12);
  }

  @Test
  void atLeastOneGenre() {
    // 1 one over 4 rows -> 0.25 -> rounds to 0 -> raised to 1.
    int[][] train = {{0, 1}, {0, 0}, {0, 0}, {0, 0}};
    assertArrayEquals(new int[] {1}, FrequencyBaseline.fit(train).predictedGenres());
  }
}
