package org.pmm.experiment.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerGenreF1Test {
  private static final double EPS = 1e-12;

  @Test
  void positiveAndWeightedF1PerColumn() {
    int[][] truth = {{1, 0, 1}, {0, 1, 0}, {1, 1, 0}, {0, 0, 0}};
    int[][] predicted = {{1, 0, 0}, {0, 1, 1}, {0, 1, 0}, {0, 0, 0}};
    List<GenreScore> s = PerGenreF1.score(truth, predicted);
    // Column 0: TP=1 FP=0 FN=1 TN=2. Class 1: 2/(2+0+1) = 2/3 (n=2).
    //   Class 0 (TN as TP, FN as FP, FP as FN): 2·2/(4+1+0) = 4/5 (n=2).
    //   weighted: (2/3·2 + 4/5·2)/4 = 11/15
    assertScore(2.0 / 3, 11.0 / 15, 2, s.get(0));
    // Column 1: all correct -> 1 and 1
    assertScore(1, 1, 2, s.get(1));
    // Column 2: TP=0 FP=1 FN=1 TN=2. Class 1: 0 (n=1). Class 0: 2·2/(4+1+1) = 2/3 (n=3).
    //   weighted: (0·1 + 2/3·3)/4 = 1/2
    assertScore(0, 0.5, 1, s.get(2));
  }

  @Test
  void genreWithNoPositivesIsScoredByItsNegativeClass() {
    // Truth all 0, prediction all 0: sklearn sees only class 0, whose F1 is 1 -> weighted 1,
    // while the positive-class F1 is 0 (zero_division = 0).
    assertScore(0, 1, 0,
        PerGenreF1.score(new int[][] {{0}, {0}}, new int[][] {{0}, {0}}).get(0));
    // Truth all 0, one false positive of 4: class 0 has TN=3, FP=1 -> 6/(6+0+1) = 6/7.
    assertEquals(6.0 / 7, PerGenreF1.score(new int[][] {{0}, {0}, {0}, {0}},
        new int[][] {{1}, {0}, {0}, {0}}).get(0).weightedF1(), EPS);
  }

  @Test
  void emptyPredictionColumn() {
    // Truth (1,1,0,0), prediction all 0: class 1 F1 = 0; class 0: TN=2, FN=2 -> 4/(4+2) = 2/3;
    // weighted (0·2 + 2/3·2)/4 = 1/3
    GenreScore g = PerGenreF1.score(new int[][] {{1}, {1}, {0}, {0}},
        new int[][] {{0}, {0}, {0}, {0}}).get(0);
    assertEquals(0, g.f1(), EPS);
    assertEquals(1.0 / 3, g.weightedF1(), EPS);
    assertEquals(2, g.support());
  }

  private static void assertScore(double f1, double weighted, long support, GenreScore actual) {
    assertEquals(f1, actual.f1(), EPS, "f1");
    assertEquals(weighted, actual.weightedF1(), EPS, "weighted_f1");
    assertEquals(support, actual.support(), "support");
  }
}
