package org.pmm.experiment.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  @TempDir Path dir;

  /** Made-up label matrices with MM-IMDb's genre frequencies (docs/data.md; scaled down). */
  static int[][] labels(int rows, long seed) {
    Random random = new Random(seed);
    int[][] y = new int[rows][23];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < 23; j++) {
        y[i][j] = random.nextDouble() < ResultsFixtures.COUNTS[j] / 25959.0 ? 1 : 0;
      }
    }
    return y;
  }

  static ReportInputs inputs() {
    return ReportInputs.builder(ResultsFixtures.GENRES)
        .trainLabels(labels(600, 1)).testLabels(labels(300, 2))
        .commandLine("pmm experiment --scale quick --cycles 3")
        .scale("quick")
        .timing("first build", 41.5)
        .timing("surrogate generation", 12.25)
        .build();
  }

  @Test
  void fullExperimentWritesEveryFileAndEveryTable() throws Exception {
    Path out = sampleDir("full");
    ExperimentResults results = ResultsFixtures.fullExperiment();
    List<Path> written = ReportWriter.writeAll(out, results, inputs());
    List<String> expected = new java.util.ArrayList<>(List.of("results.json",
        GenreCountsFigure.FILE, ValidationCurvesFigure.FILE, PerGenreFigure.FILE));
    results.systems().forEach(s -> expected.add(TrainLossFigure.file(s.slug())));
    expected.add("report.md");
    assertEquals(expected, written.stream().map(p -> p.getFileName().toString()).toList());
    for (String png : List.of(GenreCountsFigure.FILE, ValidationCurvesFigure.FILE,
        PerGenreFigure.FILE)) {
      BufferedImage image = ImageIO.read(out.resolve(png).toFile());
      assertTrue(image.getWidth() >= 800 && image.getHeight() >= 500, png);
    }
    String md = Files.readString(out.resolve("report.md"));
    assertTrue(md.contains("## Table 1: PM+MO and the GMU baseline"), md);
    assertTrue(md.contains("## Table 2: ablations of PM+MO"));
    assertTrue(md.contains("## Does PM+MO beat the GMU baseline?"));
    assertTrue(md.contains("| PM+MO (λKL+L2+1024) | 3 |"));
    assertTrue(md.contains("0.620 / 0.549 / 0.617 / 0.620"), "paper values of λKL+L2");
    assertTrue(md.contains("0.611 / 0.529 / 0.602 / 0.611"), "paper values of M+MO");
    assertTrue(md.contains("Paper, real MM-IMDb"));
    assertTrue(md.contains("Frequency baseline (every movie: "));
    assertTrue(md.contains("identical losses and gradients"), "the ELBOv1/ELBOv2 sentence");
    assertTrue(md.contains("GMU without regularisation | 3 |"), "gmu-noreg among other systems");
    assertTrue(md.contains("curve only (Figure 2)"));
    assertTrue(md.contains("![Figure 2: validation curves](fig2-validation-curves.png)"));
    assertTrue(md.contains("| PM+MO (λKL+L2) | " + "pmmo-lkl-l2 |"), "configuration table");
    assertTrue(md.contains("- first build: 41.50 s"));
    assertTrue(md.contains("| PM+MO (λKL+L2) | "), md);
    assertFalse(md.contains("NaN"));
  }

  @Test
  void singleSystemGivesAShortReport() throws Exception {
    Path out = sampleDir("single");
    SystemResult pmmo = ResultsFixtures.system("pmmo", "pmmo", 0.6, 1, 6,
        ResultsFixtures.config(256, "annealed", 0.1), 3);
    ExperimentResults results = ExperimentResults.withStandardComparisons("0.1.0",
        new DataInfo("data/surrogate.h5", 25959, "official"), List.of(pmmo));
    assertTrue(results.comparisons().isEmpty());
    ReportWriter.writeAll(out, results, ReportInputs.builder(ResultsFixtures.GENRES).build());
    String md = Files.readString(out.resolve("report.md"));
    assertTrue(md.startsWith("# pmmo on MM-IMDb"), md);
    assertTrue(md.contains("## Results"));
    assertFalse(md.contains("Table 1"));
    assertFalse(md.contains("Table 2"));
    assertFalse(md.contains("beat the GMU"));
    assertFalse(md.contains("Welch"));
    assertFalse(md.contains("Frequency baseline"), "no label matrices given");
    assertFalse(md.contains(GenreCountsFigure.FILE), "no labels, so no Figure 1");
    assertTrue(Files.exists(out.resolve(ValidationCurvesFigure.FILE)));
    assertTrue(Files.exists(out.resolve(PerGenreFigure.FILE)));
    assertFalse(Files.exists(out.resolve(GenreCountsFigure.FILE)));
    assertTrue(md.contains("Hyperparameters:"));
  }

  @Test
  void gmuAloneGoesToTable1WithItsPaperRow() throws Exception {
    SystemResult gmu = ResultsFixtures.system("gmu", "GMU baseline", 0.6, 2, 5,
        ResultsFixtures.config(256, "none", 0), 4);
    ExperimentResults results = ExperimentResults.withStandardComparisons("0.1.0",
        new DataInfo("d.h5", 100, "official"), List.of(gmu));
    String md = ReportMarkdown.render(results, inputs(), java.util.Set.of());
    assertTrue(md.contains("## Table 1"));
    assertTrue(md.contains("0.618 / 0.528 / 0.608 / 0.617"));
    assertTrue(md.contains("| 1.10 s |"), "paper's seconds per epoch for the GMU");
    assertFalse(md.contains("## Figures"));
  }

  /** Where sample outputs go: a temporary directory, or -Dpmm.report.sampleDir for a look. */
  private Path sampleDir(String name) {
    String keep = System.getProperty("pmm.report.sampleDir");
    return keep == null ? dir.resolve(name) : Path.of(keep, name);
  }
}
