package org.pmm.experiment.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Hand-computed cases; the arithmetic is written out next to each expected value. */
class MultilabelF1Test {
  private static final double EPS = 1e-12;

  // 4 rows × 3 labels. Row 3 has no labels and no predictions.
  private static final int[][] TRUTH = {
      {1, 0, 1},
      {0, 1, 0},
      {1, 1, 0},
      {0, 0, 0}};
  private static final int[][] PREDICTED = {
      {1, 0, 0},
      {0, 1, 1},
      {0, 1, 0},
      {0, 0, 0}};

  @Test
  void mixedCaseMatchesHandArithmetic() {
    // Column 0: TP=1 FP=0 FN=1 -> F1 = 2/(2+0+1) = 2/3, support 2
    // Column 1: TP=2 FP=0 FN=0 -> F1 = 1,              support 2
    // Column 2: TP=0 FP=1 FN=1 -> F1 = 0,              support 1
    // micro: TP=3 FP=1 FN=2 -> 6/(6+1+2) = 2/3
    // macro: (2/3 + 1 + 0)/3 = 5/9
    // weighted: (2/3·2 + 1·2 + 0·1)/5 = (10/3)/5 = 2/3
    // samples: rows 0,1,2 each have TP=1 and one error -> 2/3; row 3 is empty -> 0;
    //          (3 · 2/3 + 0)/4 = 1/2
    F1Scores s = MultilabelF1.score(TRUTH, PREDICTED);
    assertEquals(2.0 / 3, s.micro(), EPS);
    assertEquals(5.0 / 9, s.macro(), EPS);
    assertEquals(2.0 / 3, s.weighted(), EPS);
    assertEquals(0.5, s.samples(), EPS);
  }

  @Test
  void emptyPredictionsScoreZeroEverywhere() {
    // No predicted positives: TP = 0 in every column and row, so every F1 is 0.
    F1Scores s = MultilabelF1.score(TRUTH, new int[4][3]);
    assertEquals(new F1Scores(0, 0, 0, 0), s);
  }

  @Test
  void allCorrectStillPenalisesEmptyRowsAndEmptyGenresLikeSklearn() {
    // Add a 4th genre with no positives anywhere; predictions equal the truth.
    int[][] truth = {{1, 0, 1, 0}, {0, 1, 0, 0}, {1, 1, 0, 0}, {0, 0, 0, 0}};
    F1Scores s = MultilabelF1.score(truth, copy(truth));
    // micro: FP = FN = 0, TP = 5 -> 1
    assertEquals(1.0, s.micro(), EPS);
    // macro: columns 0..2 score 1, column 3 has no true and no predicted positives -> 0;
    //        (1 + 1 + 1 + 0)/4 = 3/4
    assertEquals(0.75, s.macro(), EPS);
    // weighted: column 3 has support 0, so weight 0: (1·2 + 1·2 + 1·1 + 0·0)/5 = 1
    assertEquals(1.0, s.weighted(), EPS);
    // samples: rows 0..2 score 1, row 3 (no labels, nothing predicted) scores 0: 3/4
    assertEquals(0.75, s.samples(), EPS);
  }

  @Test
  void allWrongScoresZero() {
    int[][] flipped = new int[4][3];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 3; j++) {
        flipped[i][j] = 1 - TRUTH[i][j];
      }
    }
    // Every cell is an FP or an FN, TP = 0 everywhere -> 0 for all four averages.
    assertEquals(new F1Scores(0, 0, 0, 0), MultilabelF1.score(TRUTH, flipped));
  }

  @Test
  void weightedIsZeroWhenNoGenreHasSupport() {
    int[][] truth = {{0, 0}, {0, 0}};
    int[][] predicted = {{1, 0}, {0, 0}};
    // Total support 0 -> weighted 0 (sklearn with zero_division=0); FP only -> micro, macro 0;
    // row 0: TP=0 -> 0, row 1: empty -> 0.
    assertEquals(new F1Scores(0, 0, 0, 0), MultilabelF1.score(truth, predicted));
  }

  @Test
  void noRowsScoresZero() {
    assertEquals(new F1Scores(0, 0, 0, 0), MultilabelF1.score(new int[0][], new int[0][]));
  }

  @Test
  void thresholdIncludesItsBoundary() {
    double[][] p = {{0.5, 0.49999, 0.9}};
    int[][] y = {{1, 1, 0}};
    // predicted {1, 0, 1}: TP=1 FP=1 FN=1 -> micro 2/(2+1+1) = 1/2
    // columns: 1, 0, 0 -> macro 1/3; weighted (1·1 + 0·1 + 0·0)/2 = 1/2; samples 1/2
    F1Scores s = MultilabelF1.score(p, y, 0.5);
    assertEquals(0.5, s.micro(), EPS);
    assertEquals(1.0 / 3, s.macro(), EPS);
    assertEquals(0.5, s.weighted(), EPS);
    assertEquals(0.5, s.samples(), EPS);
    float[][] pf = {{0.5f, 0.49999f, 0.9f}};
    assertEquals(s, MultilabelF1.score(pf, y, 0.5));
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class,
        () -> MultilabelF1.score(new int[][] {{1, 0}}, new int[][] {{1}}));
    assertThrows(IllegalArgumentException.class,
        () -> MultilabelF1.score(new int[][] {{2, 0}}, new int[][] {{1, 0}}));
    assertThrows(IllegalArgumentException.class,
        () -> MultilabelF1.score(new double[][] {{Double.NaN}}, new int[][] {{1}}, 0.5));
    assertThrows(IllegalArgumentException.class,
        () -> MultilabelF1.score(new double[][] {{0.2}}, new int[][] {{1}}, 1.5));
  }

  private static int[][] copy(int[][] m) {
    int[][] c = new int[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }
}
