package org.pmm.experiment.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pmm.experiment.metrics.Calibration;
import org.pmm.experiment.metrics.GenreCounts;
import org.pmm.io.AtomicFiles;

/**
 * Writes the outputs of a run into its output directory: {@code results.json}, the figures
 * {@code fig1-genre-counts.png}, {@code fig2-validation-curves.png}, {@code fig3-per-genre.png}
 * and {@code report.md}, each atomically. A figure whose data is missing (no label matrix, no
 * epochs) is skipped and the report does not link it. Predictions CSVs are written per cycle by
 * the caller with {@link PredictionsCsv}.
 *
 * <pre>{@code
 * ExperimentResults results = ExperimentResults.withStandardComparisons("0.1.0", data, systems);
 * List<Path> written = ReportWriter.writeAll(outDir, results,
 *     ReportInputs.builder(genres).trainLabels(train).testLabels(test).build());
 * }</pre>
 */
public final class ReportWriter {
  /** File names in the output directory (docs/cli.md, outputs). */
  public static final String RESULTS_FILE = "results.json";

  public static final String REPORT_FILE = "report.md";

  private ReportWriter() {}

  /** Writes every file and returns their paths in the order written. */
  public static List<Path> writeAll(Path outDir, ExperimentResults results, ReportInputs extras)
      throws IOException {
    Files.createDirectories(outDir);
    List<Path> written = new ArrayList<>();
    Path json = outDir.resolve(RESULTS_FILE);
    ResultsJson.write(json, results);
    written.add(json);

    Set<String> figures = writeFigures(outDir, results, extras);
    figures.forEach(f -> written.add(outDir.resolve(f)));

    Path report = outDir.resolve(REPORT_FILE);
    AtomicFiles.writeString(report, ReportMarkdown.render(results, extras, figures));
    written.add(report);
    return written;
  }

  /** Draws the figures that have data; returns the file names written. */
  static Set<String> writeFigures(Path outDir, ExperimentResults results, ReportInputs extras)
      throws IOException {
    Set<String> written = new LinkedHashSet<>();
    List<String> genres = FigureData.genres(results, extras);

    var countRows = extras.genreCountRows();
    if (countRows.isPresent() && !genres.isEmpty()) {
      long[] counts = GenreCounts.perGenre(countRows.get().getKey(), genres.size());
      GenreCountsFigure.write(outDir.resolve(GenreCountsFigure.FILE), genres, counts,
          countRows.get().getValue());
      written.add(GenreCountsFigure.FILE);
    }

    Map<String, CurveBand> curves = FigureData.validationCurves(results);
    if (!curves.isEmpty()) {
      ValidationCurvesFigure.write(outDir.resolve(ValidationCurvesFigure.FILE), curves,
          cyclesDescription(results, "mean ± sd over "));
      written.add(ValidationCurvesFigure.FILE);
    }

    List<SystemResult> perGenre = FigureData.perGenreSystems(results);
    if (!perGenre.isEmpty() && !genres.isEmpty()) {
      Map<String, PerGenreFigure.Scores> values = new LinkedHashMap<>();
      for (SystemResult s : perGenre) {
        values.put(s.name(), new PerGenreFigure.Scores(FigureData.perGenreBand(s, genres, true),
            FigureData.perGenreBand(s, genres, false)));
      }
      PerGenreFigure.write(outDir.resolve(PerGenreFigure.FILE), genres, values,
          cyclesDescription(results, "mean ± sd over "));
      written.add(PerGenreFigure.FILE);
    }

    Map<String, List<PredictionsCsv.Table>> predictions = PredictionsCsv.ofSystems(outDir, results);
    Map<String, List<Calibration.Bin>> reliability = ReliabilityFigure.bins(predictions);
    if (!reliability.isEmpty()) {
      ReliabilityFigure.write(outDir.resolve(ReliabilityFigure.FILE), reliability);
      written.add(ReliabilityFigure.FILE);
    }

    Map<String, SelectiveFigure.SystemCurves> selective =
        SelectiveFigure.curves(predictions, extras.threshold());
    if (!selective.isEmpty()) {
      SelectiveFigure.write(outDir.resolve(SelectiveFigure.FILE), selective);
      written.add(SelectiveFigure.FILE);
    }

    if (GateSection.writeFigure(outDir, results, genres)) {
      written.add(GateFigure.FILE);
    }

    for (SystemResult s : results.systems()) {
      CurveBand loss = FigureData.trainLossCurve(s);
      if (loss.mean().length > 0) {
        String name = TrainLossFigure.file(s.slug());
        ValidationCurvesFigure.write(outDir.resolve(name), Map.of(s.name(), loss),
            "Training loss per epoch: " + s.name() + " (" + cyclesDescription(results,
                "mean ± sd over ") + ")", "Training loss (mean over the epoch's steps)", false);
        written.add(name);
      }
    }
    return written;
  }

  private static String cyclesDescription(ExperimentResults results, String statistic) {
    int max = results.systems().stream().mapToInt(s -> s.cycles().size()).max().orElse(0);
    return max == 1 ? "1 cycle" : statistic + max + " cycles";
  }
}
