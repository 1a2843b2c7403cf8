package org.pmm.experiment.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmm.experiment.metrics.F1Scores;
import org.pmm.lang.compile.Predictive;

/**
 * The choice between the point prediction and the predictive mean is made on validation data:
 * the mean is chosen only when its validation weighted F1 beats the selected epoch's, and the
 * chosen test F1 is then the mean's. One genre, four validation and four test movies, F1 by
 * hand.
 */
class ValidationChoiceTest {
  private static final int[][] VAL = {{1}, {1}, {0}, {0}};
  private static final int[][] TEST = {{1}, {0}, {1}, {0}};

  private static CycleResult cycle(double pointValF1) {
    // the point prediction's test F1 is 0.5 here; its validation F1 is the selected epoch's
    return new CycleResult(0, 2, new F1Scores(0.5, 0.5, 0.5, 0.5), Map.of(),
        List.of(0.1, pointValF1), List.of(1.0, 0.9), List.of(1.0, 1.0));
  }

  private static Predictive testDraws() {
    // mean predicts movies 0 and 2 (both positive): test F1 = 1
    float[][] mean = {{0.9f}, {0.2f}, {0.7f}, {0.1f}};
    float[][] sd = {{0.1f}, {0.1f}, {0.1f}, {0.1f}};
    return new Predictive(Predictive.Method.GUIDE_SAMPLES, 10, mean, sd);
  }

  @Test
  void theMeanIsChosenWhenItScoresHigherOnValidation() {
    // validation mean predicts movies 0 and 2: TP 1, FP 1, FN 1 -> F1 = 2/(2+1+1) = 0.5
    float[][] valMean = {{0.8f}, {0.3f}, {0.6f}, {0.2f}};
    CycleResult lower = cycle(0.4).withPredictive(testDraws(), TEST, 0.5, valMean, VAL);
    assertEquals(0.5, lower.predictive().valWeighted(), 1e-12);
    assertTrue(lower.choosesPredictiveMean(), "0.5 on validation beats the point's 0.4");
    assertEquals(1.0, lower.chosenWeighted(), 1e-12, "the mean's test F1");

    CycleResult higher = cycle(0.6).withPredictive(testDraws(), TEST, 0.5, valMean, VAL);
    assertFalse(higher.choosesPredictiveMean(), "the point's 0.6 beats the mean's 0.5");
    assertEquals(0.5, higher.chosenWeighted(), 1e-12, "the point prediction's test F1");
  }

  @Test
  void withoutAValidationScoreThePointPredictionStands() {
    CycleResult c = cycle(0.1).withPredictive(testDraws(), TEST, 0.5, null, null);
    assertFalse(c.choosesPredictiveMean());
    assertEquals(0.5, c.chosenWeighted(), 1e-12);
  }
}
