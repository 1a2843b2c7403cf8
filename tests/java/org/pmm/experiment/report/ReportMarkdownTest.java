package org.pmm.experiment.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pmm.experiment.metrics.F1Scores;
import org.pmm.experiment.metrics.GenreScore;

/** The report's statements follow from the numbers: verdicts, sentences, curve cut-off. */
class ReportMarkdownTest {

  /** A system whose k-th cycle scores weighted[k] on every metric, with a given val curve. */
  private static SystemResult system(String slug, String name, double[] weighted,
      List<Double> val) {
    List<CycleResult> cycles = new ArrayList<>();
    for (int k = 0; k < weighted.length; k++) {
      double w = weighted[k];
      cycles.add(new CycleResult(k, 1, new F1Scores(w, w, w, w),
          Map.of("Drama", new GenreScore(w, w, 10)), val, List.of(1.0), List.of(2.0)));
    }
    return SystemResult.summarise(name, slug, "models/x.pmm", Map.of("hidden", 8), cycles);
  }

  private static String report(SystemResult... systems) {
    ExperimentResults r = ExperimentResults.withStandardComparisons("0.1.0",
        new org.pmm.experiment.report.DataInfo("d.h5", 10, "official"), List.of(systems));
    return ReportMarkdown.render(r, ReportInputs.builder(List.of("Drama")).build(), Set.of());
  }

  private static final List<Double> VAL = List.of(0.5, 0.6);

  @Test
  void theTrainingTimeSaysWhenCyclesSharedTheCores() {
    SystemResult gmu = system("gmu", "GMU baseline", new double[] {0.59, 0.60}, VAL);
    ExperimentResults r = ExperimentResults.withStandardComparisons("0.1.0",
        new org.pmm.experiment.report.DataInfo("d.h5", 10, "official"), List.of(gmu));
    String alone = ReportMarkdown.render(r, ReportInputs.builder(List.of("Drama")).build(),
        Set.of());
    String shared = ReportMarkdown.render(r, ReportInputs.builder(List.of("Drama"))
        .cyclesAtOnce(2).build(), Set.of());
    assertTrue(alone.contains("over every epoch of every cycle.\n"), alone);
    assertTrue(shared.contains("over every epoch of every cycle, with up to 2 cycles training at"
        + " the same time on the machine's cores (`--workers`)"), shared);
    assertTrue(shared.contains("| GMU baseline | 2.00 ± 0.00 | 2 |"), shared);
  }

  @Test
  void verdictYesWhenHigherBeyondChance() {
    // means 0.650 vs 0.600, sd 0.01 each, n = 3: standard error sqrt(1e-4/3 + 1e-4/3) = 0.008165,
    // t = 0.05 / 0.008165 = 6.12 with 4 degrees of freedom -> p ≈ 0.004 < 0.05.
    String md = report(system("pmmo-lkl-l2", "PM+MO (λKL+L2)", new double[] {0.64, 0.65, 0.66},
        VAL), system("gmu", "GMU baseline", new double[] {0.59, 0.60, 0.61}, VAL));
    assertTrue(md.contains("**Yes.** PM+MO (λKL+L2) scores a weighted F1 of 0.650 ± 0.010 against "
        + "the GMU baseline's 0.600 ± 0.010 (+0.050, 3 and 3 cycles), and the difference is "
        + "beyond chance at p < 0.05 (Welch t = 6.12"), md);
    assertTrue(md.contains("higher on 4 of the 4 F1 averages"));
  }

  @Test
  void verdictNotShownWhenHigherWithinChance() {
    // 0.605 vs 0.600 with sd 0.01: t = 0.005 / sqrt(2e-4/3) = 0.61, far from significant.
    String md = report(system("pmmo-lkl-l2", "PM+MO (λKL+L2)", new double[] {0.595, 0.605, 0.615},
        VAL), system("gmu", "GMU baseline", new double[] {0.59, 0.60, 0.61}, VAL));
    assertTrue(md.contains("**Not shown.**"), md);
    assertTrue(md.contains("Welch t = 0.61"), md);
    assertTrue(md.contains("does not show that PM+MO beats the GMU baseline"));
  }

  @Test
  void verdictNoWhenLower() {
    String md = report(system("pmmo-lkl-l2", "PM+MO (λKL+L2)", new double[] {0.58, 0.59},
        VAL), system("gmu", "GMU baseline", new double[] {0.60, 0.61}, VAL));
    assertTrue(md.contains("**No.**"), md);
    assertTrue(md.contains("higher on 0 of the 4"));
  }

  @Test
  void oneCycleSaysNoTestIsPossible() {
    String md = report(system("pmmo-lkl-l2", "PM+MO (λKL+L2)", new double[] {0.62}, VAL),
        system("gmu", "GMU baseline", new double[] {0.60}, VAL));
    assertTrue(md.contains("**Not shown.**"), md);
    assertTrue(md.contains("no test of chance is possible (needs at least 2 cycles per system"));
    assertTrue(md.contains("| PM+MO (λKL+L2) | 1 | 0.620 | 0.620 | 0.620 | 0.620 |"), md);
  }

  @Test
  void elboRowsWithSharedSeedsAreReportedIdentical() {
    double[] same = {0.61, 0.62};
    String md = report(system("pmmo-elbov1-l2", "PM+MO (ELBOv1+L2)", same, VAL),
        system("pmmo-elbov2-l2", "PM+MO (ELBOv2+L2)", same, VAL));
    assertTrue(md.contains("identical losses and gradients"), md);
    assertTrue(md.contains("have identical test scores in every cycle"), md);
    assertTrue(md.contains("They do share seeds here"), md);
    assertTrue(md.contains("ELBOv2 (TraceGraph) against ELBOv1 (Trace)"), md);
    assertFalse(md.contains("Does PM+MO beat"), "no GMU, no verdict");
  }

  @Test
  void elboRowsTrainedOnceAreReportedAsOneTraining() {
    double[] same = {0.61, 0.62};
    SystemResult v2 = system("pmmo-elbov2-l2", "PM+MO (ELBOv2+L2)", same, VAL);
    SystemResult v1 = system("pmmo-elbov1-l2", "PM+MO (ELBOv1+L2)", same, VAL);
    SystemResult shared = SystemResult.summarise(v1.name(), v1.slug(), v1.model(), v1.config(),
        v1.cycles(), SystemResult.TRAINED_ONCE + v2.name() + " (elbo = trace here, tracegraph"
            + " there)");
    String md = report(shared, v2);
    assertTrue(md.contains("So pmm trained each ELBOv1/ELBOv2 pair once"), md);
    assertFalse(md.contains("have identical test scores in every cycle"),
        "one training is not two runs that agreed");
    assertTrue(md.contains("- PM+MO (ELBOv1+L2): trained once with PM+MO (ELBOv2+L2)"), md);
    assertFalse(report(v1, v2).contains("So pmm trained"), "without the note: twice");
  }

  @Test
  void validationCurveHasEveryEpochWithItsSpreadOverCycles() {
    SystemResult s = SystemResult.summarise("g", "gmu", "m", Map.of(), List.of(
        new CycleResult(0, 2, new F1Scores(0, 0, 0, 0), Map.of(),
            List.of(0.50, 0.60, 0.55, 0.54, 0.60), List.of(), List.of()),
        new CycleResult(1, 2, new F1Scores(0, 0, 0, 0), Map.of(),
            List.of(0.50, 0.62, 0.56, 0.50), List.of(), List.of())));
    CurveBand band = FigureData.validationCurve(s);
    assertArrayEquals(new double[] {0.50, 0.61, 0.555, 0.52, 0.60}, band.mean(), 1e-12);
    // sample sd of two values a, b is |a - b| / sqrt(2); the fifth epoch has one cycle
    double r2 = Math.sqrt(2);
    assertArrayEquals(new double[] {0, 0.02 / r2, 0.01 / r2, 0.04 / r2, 0}, band.sd(), 1e-12);
  }

  @Test
  void perGenreScoresHaveTheirSpreadOverCycles() {
    SystemResult s = SystemResult.summarise("g", "gmu", "m", Map.of(), List.of(
        new CycleResult(0, 1, new F1Scores(0, 0, 0, 0), Map.of("Drama", new GenreScore(0.7, 0.80, 9),
            "War", new GenreScore(0.0, 0.97, 1)), List.of(), List.of(), List.of()),
        new CycleResult(1, 1, new F1Scores(0, 0, 0, 0), Map.of("Drama", new GenreScore(0.5, 0.84, 9),
            "War", new GenreScore(0.2, 0.97, 1)), List.of(), List.of(), List.of())));
    List<String> genres = List.of("Drama", "War");
    CurveBand weighted = FigureData.perGenreBand(s, genres, true);
    CurveBand positive = FigureData.perGenreBand(s, genres, false);
    double r2 = Math.sqrt(2);
    assertArrayEquals(new double[] {0.82, 0.97}, weighted.mean(), 1e-12);
    assertArrayEquals(new double[] {0.04 / r2, 0}, weighted.sd(), 1e-12);
    assertArrayEquals(new double[] {0.6, 0.1}, positive.mean(), 1e-12);
    assertArrayEquals(new double[] {0.2 / r2, 0.2 / r2}, positive.sd(), 1e-12);
  }

  private static SystemResult calibrated(String slug, String name, double... eces) {
    List<CycleResult> cycles = new ArrayList<>();
    for (int k = 0; k < eces.length; k++) {
      cycles.add(new CycleResult(k, 1, new F1Scores(0.6, 0.5, 0.6, 0.6), Map.of(),
          List.of(0.6), List.of(1.0), List.of(2.0), null,
          new org.pmm.experiment.metrics.Calibration.Scores(eces[k], 0.1, 0.3)));
    }
    return SystemResult.summarise(name, slug, "models/x.pmm", Map.of("hidden", 8), cycles);
  }

  @Test
  void theCalibrationVerdictFollowsWelchsTest() {
    String better = report(calibrated("pmmo-lkl-l2", "PM+MO (λKL+L2)", 0.020, 0.021, 0.022),
        calibrated("gmu", "GMU baseline", 0.050, 0.052, 0.049));
    assertTrue(better.contains("## Calibration (test set)"), better);
    assertTrue(better.contains("PM+MO (λKL+L2)'s probabilities are better calibrated than the"
        + " GMU's on this data."), better);
    String unclear = report(calibrated("pmmo-lkl-l2", "PM+MO (λKL+L2)", 0.020, 0.060, 0.030),
        calibrated("gmu", "GMU baseline", 0.040, 0.021, 0.050));
    assertTrue(unclear.contains("are not shown to be better or worse calibrated than the GMU's"),
        unclear);
  }

  @Test
  void aFewTicksOnTheScoreAxis() {
    assertEquals(0.02, ValidationCurvesFigure.niceStep(0.013), 1e-15);
    assertEquals(0.05, ValidationCurvesFigure.niceStep(0.05), 1e-15);
    assertEquals(0.1, ValidationCurvesFigure.niceStep(0.07), 1e-15);
  }

  @Test
  void figureSystemsFallBackToWhatIsPresent() {
    SystemResult mmo = system("mmo", "M+MO", new double[] {0.6}, VAL);
    SystemResult gmu = system("gmu", "GMU baseline", new double[] {0.6}, VAL);
    SystemResult lkl = system("pmmo-lkl", "PM+MO (λKL)", new double[] {0.6}, VAL);
    ExperimentResults r = new ExperimentResults("0", new DataInfo("d", 1, "official"),
        List.of(mmo, lkl, gmu), List.of());
    assertEquals(List.of("GMU baseline"), List.copyOf(FigureData.validationCurves(r).keySet()));
    assertEquals(List.of(lkl, gmu), FigureData.perGenreSystems(r));
    ExperimentResults onlyMmo = new ExperimentResults("0", new DataInfo("d", 1, "official"),
        List.of(mmo), List.of());
    assertEquals(List.of("M+MO"), List.copyOf(FigureData.validationCurves(onlyMmo).keySet()));
    assertEquals(List.of(mmo), FigureData.perGenreSystems(onlyMmo));
  }
}
