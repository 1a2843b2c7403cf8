package org.pmm.experiment.report;

import static org.pmm.experiment.report.MarkdownTable.f3;
import static org.pmm.experiment.report.MarkdownTable.meanStd;
import static org.pmm.experiment.report.MarkdownTable.seconds;
import static org.pmm.experiment.report.MarkdownTable.signed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.pmm.experiment.metrics.F1Scores;
import org.pmm.experiment.metrics.FrequencyBaseline;
import org.pmm.experiment.metrics.MeanStd;

/**
 * The text of {@code report.md}: the paper's Tables 1 and 2 with our means ± standard deviations
 * beside the paper's figures, a frequency baseline, the Welch comparisons in words, per-genre
 * scores, seconds per epoch, configuration and seeds, and the figures. Sections whose systems are
 * absent are left out, so the same code writes the short report of {@code pmm train}.
 *
 * <pre>{@code
 * String md = ReportMarkdown.render(results, extras, Set.of(GenreCountsFigure.FILE));
 * }</pre>
 */
public final class ReportMarkdown {
  private static final String PAPER_COLUMN = "Paper, real MM-IMDb (micro / macro / weighted / samples)";

  private ReportMarkdown() {}

  /** The report; {@code figures} are the file names of the figures that were written. */
  public static String render(ExperimentResults results, ReportInputs extras, Set<String> figures) {
    StringBuilder md = new StringBuilder();
    Optional<Baseline> baseline = Baseline.of(extras, FigureData.genres(results, extras));
    intro(md, results, extras);
    verdict(md, results);
    tables(md, results, baseline);
    comparisons(md, results);
    ElboSection.append(md, results);
    perGenre(md, results, extras);
    CalibrationSection.append(md, results);
    ValidationFitsSection.append(md, results);
    PredictiveSection.append(md, results);
    GateSection.append(md, results, FigureData.genres(results, extras), figures);
    timing(md, results, extras);
    configuration(md, results);
    figures(md, figures);
    notes(md, results, extras);
    return md.toString();
  }

  private static void intro(StringBuilder md, ExperimentResults r, ReportInputs x) {
    boolean single = r.systems().size() == 1;
    md.append(single ? "# " + r.systems().get(0).name() + " on MM-IMDb\n\n"
        : "# PM+MO on MM-IMDb: results\n\n");
    Set<Integer> cycleCounts = r.systems().stream().map(s -> s.cycles().size())
        .collect(Collectors.toCollection(java.util.TreeSet::new));
    md.append("Made by pmm ").append(r.pmmVersion()).append(" from `").append(r.data().path())
        .append("` (").append(String.format(Locale.ROOT, "%,d", r.data().rows()))
        .append(" rows, ").append(r.data().split()).append(" split); ")
        .append(cycleCounts.stream().map(String::valueOf).collect(Collectors.joining(" or ")))
        .append(cycleCounts.equals(Set.of(1)) ? " cycle" : " cycles")
        .append(" per system; a genre is predicted when its probability is ≥ the ")
        .append("threshold (").append(thresholds(r, x)).append(").");
    x.scale().ifPresent(s -> md.append(" Scale: `").append(s).append("`."));
    md.append("\n");
    x.commandLine().ifPresent(c -> md.append("\nCommand: ").append(codeSpan(c)).append(x
        .mergeCommand().map(m -> ", run in shares (`--shard K/N`) and merged by " + codeSpan(m))
        .orElse("")).append("\n"));
    PartialNotice.append(md, r);
    md.append("\nScores are means ± sample standard deviations (n − 1) over cycles of the test ")
        .append("set's F1 (scikit-learn definitions, zero_division = 0); with one cycle, the ")
        .append("score alone. Columns marked \"paper, real MM-IMDb\" hold the paper's own means ")
        .append("over 5 cycles on the real data set, for reference; this run did not produce them.");
    if (r.data().path().contains("surrogate")) {
      md.append(" This run used the surrogate data set, a synthetic stand-in with the real ")
          .append("file's shapes and label statistics: compare the ordering of the rows with the ")
          .append("paper's, not the absolute values.");
    }
    md.append("\n\n");
  }

  /** Inline code; a double-backtick span when the text holds a backtick (a quoted argument). */
  private static String codeSpan(String text) {
    return text.indexOf('`') < 0 ? "`" + text + "`" : "`` " + text + " ``";
  }

  private static String thresholds(ExperimentResults r, ReportInputs x) {
    Set<String> values = r.systems().stream()
        .map(s -> Objects.toString(s.config().get("threshold"), null)).filter(Objects::nonNull)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
    return values.isEmpty() ? String.valueOf(x.threshold()) : String.join(", ", values);
  }

  private static void verdict(StringBuilder md, ExperimentResults r) {
    Optional<SystemResult> pmmo = FigureData.headlinePmmo(r);
    Optional<SystemResult> gmu = r.system("gmu");
    if (pmmo.isPresent() && gmu.isPresent() && !pmmo.get().cycles().isEmpty()
        && !gmu.get().cycles().isEmpty()) {
      md.append("## Does PM+MO beat the GMU baseline?\n\n")
          .append(ComparisonText.verdict(r, pmmo.get(), gmu.get())).append("\n\n");
    }
  }

  private static void tables(StringBuilder md, ExperimentResults r, Optional<Baseline> baseline) {
    List<SystemResult> t1 = inTable(r, true);
    List<SystemResult> t2 = inTable(r, false);
    List<SystemResult> other = r.systems().stream()
        .filter(s -> !t1.contains(s) && !t2.contains(s)).toList();
    boolean baselineShown = false;
    if (!t1.isEmpty()) {
      md.append("## Table 1: PM+MO and the GMU baseline\n\n");
      scoreTable(md, t1, baseline);
      baselineShown = baseline.isPresent();
    }
    if (!t2.isEmpty()) {
      md.append("## Table 2: ablations of PM+MO\n\n");
      scoreTable(md, t2, baselineShown ? Optional.empty() : baseline);
      baselineShown |= baseline.isPresent();
    }
    if (!other.isEmpty()) {
      md.append(t1.isEmpty() && t2.isEmpty() ? "## Results\n\n" : "## Other systems\n\n");
      scoreTable(md, other, baselineShown ? Optional.empty() : baseline);
      baselineShown |= baseline.isPresent();
    }
    baseline.ifPresent(b -> md.append(b.definition()).append("\n\n"));
  }

  private static List<SystemResult> inTable(ExperimentResults r, boolean table1) {
    List<SystemResult> rows = new ArrayList<>();
    for (PaperSystem p : PaperSystem.ALL) {
      if (table1 ? p.inTable1() : p.inTable2()) {
        r.system(p.slug()).ifPresent(rows::add);
      }
    }
    return rows;
  }

  private static void scoreTable(StringBuilder md, List<SystemResult> systems,
      Optional<Baseline> baseline) {
    boolean withPaper = systems.stream().anyMatch(s -> PaperSystem.bySlug(s.slug()).isPresent());
    List<String> header = new ArrayList<>(
        List.of("System", "Cycles", "Micro", "Macro", "Weighted", "Samples"));
    if (withPaper) {
      header.add(PAPER_COLUMN);
    }
    MarkdownTable t = new MarkdownTable(header.toArray(String[]::new));
    for (SystemResult s : systems) {
      List<String> row = new ArrayList<>(List.of(s.name(), String.valueOf(s.cycles().size())));
      for (String m : F1Scores.METRICS) {
        row.add(score(s, m));
      }
      if (withPaper) {
        row.add(paper(s.slug()));
      }
      t.row(row.toArray(String[]::new));
    }
    baseline.ifPresent(b -> {
      List<String> row = new ArrayList<>(List.of(b.rowName(), "—"));
      for (String m : F1Scores.METRICS) {
        row.add(f3(b.scores().get(m)));
      }
      if (withPaper) {
        row.add("—");
      }
      t.row(row.toArray(String[]::new));
    });
    md.append(t.render()).append("\n");
  }

  /** Mean ± std over cycles; the mean alone for one cycle, whose spread is unknown. */
  private static String score(SystemResult s, String metric) {
    return s.cycles().size() == 1 ? f3(s.mean().get(metric))
        : meanStd(s.mean().get(metric), s.std().get(metric));
  }

  private static String paper(String slug) {
    Optional<PaperSystem> p = PaperSystem.bySlug(slug);
    if (p.isEmpty()) {
      return "—";
    }
    F1Scores s = p.get().paper();
    return s == null ? "curve only (Figure 2)"
        : f3(s.micro()) + " / " + f3(s.macro()) + " / " + f3(s.weighted()) + " / "
            + f3(s.samples());
  }

  private static void comparisons(StringBuilder md, ExperimentResults r) {
    Map<String, List<Comparison>> byPair = new LinkedHashMap<>();
    for (Comparison c : r.comparisons()) {
      byPair.computeIfAbsent(c.a() + "\u0000" + c.b(), k -> new ArrayList<>()).add(c);
    }
    List<String> sentences = new ArrayList<>();
    MarkdownTable t = new MarkdownTable("A against B", "Micro", "Macro", "Weighted", "Samples");
    for (List<Comparison> pair : byPair.values()) {
      Optional<SystemResult[]> systems = ComparisonText.pair(r, pair.get(0).a(), pair.get(0).b());
      if (systems.isEmpty()) {
        continue;
      }
      SystemResult a = systems.get()[0];
      SystemResult b = systems.get()[1];
      String[] cells = new String[5];
      cells[0] = a.name() + " against " + b.name();
      for (int m = 0; m < 4; m++) {
        String metric = F1Scores.METRICS.get(m);
        cells[m + 1] = pair.stream().filter(c -> c.metric().equals(metric)).findFirst()
            .map(c -> cell(a, b, c)).orElse("—");
      }
      t.row(cells);
      String question = Comparisons.question(a, b);
      Comparison headline = pair.stream().filter(c -> c.metric().equals("weighted")).findFirst()
          .orElse(pair.get(0));
      sentences.add("- " + ComparisonText.sentence(capitalise(question), a, b, headline));
    }
    if (t.isEmpty()) {
      return;
    }
    md.append("## Comparisons (Welch's t-test over cycles)\n\n")
        .append("Each cell: difference of the means (A − B) and the two-sided p-value of Welch's ")
        .append("unequal-variance t-test on the per-cycle test scores. \"Beyond chance\" means ")
        .append("p < 0.05. With few cycles the test has little power: a difference that is not ")
        .append("beyond chance is not evidence that there is none.\n\n")
        .append(t.render()).append("\n");
    md.append("On weighted F1, the paper's headline measure:\n\n");
    sentences.forEach(s -> md.append(s).append("\n"));
    md.append("\n");
  }

  private static String cell(SystemResult a, SystemResult b, Comparison c) {
    String diff = signed(a.mean().get(c.metric()) - b.mean().get(c.metric()));
    if (c.p() == null) {
      return diff + " (no test)";
    }
    return diff + " (" + MarkdownTable.pEquals(c.p())
        + (c.significantAt(ComparisonText.ALPHA) ? ", beyond chance)" : ")");
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static void perGenre(StringBuilder md, ExperimentResults r, ReportInputs x) {
    List<SystemResult> shown = FigureData.perGenreSystems(r);
    List<String> genres = FigureData.genres(r, x);
    if (shown.isEmpty() || genres.isEmpty()) {
      return;
    }
    List<String> header = new ArrayList<>(List.of("Genre", "Test support"));
    for (SystemResult s : shown) {
      header.add(s.name() + ": weighted F1");
    }
    for (SystemResult s : shown) {
      header.add(s.name() + ": F1");
    }
    MarkdownTable t = new MarkdownTable(header.toArray(String[]::new));
    List<double[]> weighted = shown.stream()
        .map(s -> FigureData.perGenreMeans(s, genres, true)).toList();
    List<double[]> positive = shown.stream()
        .map(s -> FigureData.perGenreMeans(s, genres, false)).toList();
    CycleResult first = shown.get(0).cycles().get(0);
    for (int j = 0; j < genres.size(); j++) {
      List<String> row = new ArrayList<>();
      row.add(genres.get(j));
      var score = first.perGenre().get(genres.get(j));
      row.add(score == null ? "—" : String.valueOf(score.support()));
      for (double[] w : weighted) {
        row.add(f3(w[j]));
      }
      for (double[] p : positive) {
        row.add(f3(p[j]));
      }
      t.row(row.toArray(String[]::new));
    }
    md.append("## Per genre (Figure 3)\n\n")
        .append("Means over cycles. \"Weighted F1\" is the F1 of the genre's positive and ")
        .append("negative class weighted by their supports (scikit-learn's average='weighted' on ")
        .append("the genre's column), the measure of the paper's Figure 3; \"F1\" is the positive ")
        .append("class alone.");
    if (shown.size() == 2) {
      int higher = 0;
      for (int j = 0; j < genres.size(); j++) {
        if (weighted.get(0)[j] > weighted.get(1)[j]) {
          higher++;
        }
      }
      md.append(" ").append(shown.get(0).name()).append(" has the higher weighted F1 on ")
          .append(higher).append(" of ").append(genres.size()).append(" genres (paper, real ")
          .append("MM-IMDb: 15 of 23).");
    }
    md.append("\n\n").append(t.render()).append("\n");
  }

  private static void timing(StringBuilder md, ExperimentResults r, ReportInputs x) {
    MarkdownTable t = new MarkdownTable("System", "Seconds per epoch", "Epochs timed",
        "Paper (one K80 GPU)");
    for (SystemResult s : r.systems()) {
      double[] secs = s.cycles().stream().flatMap(c -> c.epochSeconds().stream())
          .mapToDouble(Double::doubleValue).toArray();
      if (secs.length == 0) {
        continue;
      }
      MeanStd m = MeanStd.of(secs);
      t.row(s.name(), seconds(m.mean()) + " ± " + seconds(m.std()), String.valueOf(secs.length),
          PaperSystem.bySlug(s.slug()).flatMap(PaperSystem::paperEpochSeconds)
              .map(v -> seconds(v) + " s").orElse("—"));
    }
    if (t.isEmpty() && x.timings().isEmpty()) {
      return;
    }
    md.append("## Training time\n\n");
    if (!t.isEmpty()) {
      md.append("Wall-clock seconds per training epoch, mean ± standard deviation over every ")
          .append("epoch of every cycle");
      if (x.cyclesAtOnce() > 1) {
        md.append(", with up to ").append(x.cyclesAtOnce()).append(" cycles training at the same")
            .append(" time on the machine's cores (`--workers`): each epoch took longer than")
            .append(" it would alone, the run less time");
      }
      md.append(".\n\n").append(t.render()).append("\n");
    }
    if (!x.timings().isEmpty()) {
      md.append("Not counted above:\n\n");
      x.timings().forEach((what, s) -> md.append("- ").append(what).append(": ")
          .append(seconds(s)).append(" s\n"));
      md.append("\n");
    }
  }

  private static void configuration(StringBuilder md, ExperimentResults r) {
    if (r.systems().isEmpty()) {
      return;
    }
    Map<String, Object> common = new LinkedHashMap<>(r.systems().get(0).config());
    for (SystemResult s : r.systems()) {
      common.entrySet().removeIf(e -> !s.config().containsKey(e.getKey())
          || !Objects.equals(s.config().get(e.getKey()), e.getValue()));
    }
    md.append("## Configuration and seeds\n\n");
    if (!common.isEmpty()) {
      md.append(r.systems().size() > 1 ? "Shared by every system:\n\n" : "Hyperparameters:\n\n");
      MarkdownTable t = new MarkdownTable("Hyperparameter", "Value");
      common.forEach((k, v) -> t.row(k, String.valueOf(v)));
      md.append(t.render()).append("\n");
    }
    MarkdownTable t = new MarkdownTable("System", "Slug", "Model", "Settings of its own",
        "Seeds", "Tested epochs");
    for (SystemResult s : r.systems()) {
      String own = s.config().entrySet().stream().filter(e -> !common.containsKey(e.getKey()))
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
      t.row(s.name(), s.slug(), s.model(), own.isEmpty() ? "—" : own,
          s.cycles().stream().map(c -> String.valueOf(c.seed())).collect(Collectors.joining(", ")),
          s.cycles().stream().map(c -> String.valueOf(c.selectedEpoch()))
              .collect(Collectors.joining(", ")));
    }
    md.append(t.render()).append("\n");
  }

  private static void figures(StringBuilder md, Set<String> figures) {
    if (figures.isEmpty()) {
      return;
    }
    md.append("## Figures\n\n");
    if (figures.contains(GenreCountsFigure.FILE)) {
      md.append("Figure 1: number of samples per genre.\n\n![Figure 1: samples per genre](")
          .append(GenreCountsFigure.FILE).append(")\n\n");
    }
    if (figures.contains(ValidationCurvesFigure.FILE)) {
      md.append("Figure 2: validation weighted F1 after every epoch, the mean over cycles with a ")
          .append("band of ± one standard deviation (the paper's figure stops one epoch after the ")
          .append("best).\n\n![Figure 2: validation curves](")
          .append(ValidationCurvesFigure.FILE).append(")\n\n");
    }
    if (figures.contains(PerGenreFigure.FILE)) {
      md.append("Figure 3: per genre, the paper's weighted F1 and the F1 of the positive class ")
          .append("(mean ± sd over cycles); a genre never predicted has a high weighted F1 and a ")
          .append("positive-class F1 of 0.\n\n")
          .append("![Figure 3: per-genre F1](").append(PerGenreFigure.FILE)
          .append(")\n\n");
    }
    if (figures.contains(ReliabilityFigure.FILE)) {
      md.append("Figure 4: reliability of the test probabilities: per bin of predicted probability, ")
          .append("the fraction of pairs that are positive (cycles pooled); the diagonal is perfect ")
          .append("calibration.\n\n![Figure 4: reliability diagram](").append(ReliabilityFigure.FILE)
          .append(")\n\n");
    }
    if (figures.contains(SelectiveFigure.FILE)) {
      md.append("Figure 5: selective prediction: test weighted F1 when the movies a system is ")
          .append("least confident about (mean |p − threshold| over genres) are left out, 0 to 50 %; ")
          .append("the legend gives the area under each curve (its mean height, mean ± sd over ")
          .append("cycles). A curve that rises faster ranks its own errors better.\n\n")
          .append("![Figure 5: selective prediction](").append(SelectiveFigure.FILE)
          .append(")\n\n");
    }
    List<String> losses = figures.stream().filter(f -> f.startsWith("loss-")).sorted().toList();
    if (!losses.isEmpty()) {
      md.append("Training loss per epoch of each system (mean ± sd over cycles): ")
          .append(losses.stream().map(f -> "[" + f + "](" + f + ")")
              .collect(Collectors.joining(", "))).append(".\n\n");
    }
  }

  private static void notes(StringBuilder md, ExperimentResults r, ReportInputs x) {
    List<String> notes = new ArrayList<>(x.notes());
    for (SystemResult s : r.systems()) {
      if (s.notes() != null) {
        notes.add(s.name() + ": " + s.notes());
      }
    }
    if (!notes.isEmpty()) {
      md.append("## Notes\n\n");
      notes.forEach(n -> md.append("- ").append(n).append("\n"));
      md.append("\n");
    }
  }

  /** The frequency baseline scored on the test labels, when both label matrices are given. */
  private record Baseline(FrequencyBaseline model, F1Scores scores, List<String> genres) {
    static Optional<Baseline> of(ReportInputs x, List<String> genres) {
      if (x.trainLabels().isEmpty() || x.testLabels().isEmpty()
          || x.trainLabels().get().length == 0) {
        return Optional.empty();
      }
      FrequencyBaseline b = FrequencyBaseline.fit(x.trainLabels().get());
      return Optional.of(new Baseline(b, b.score(x.testLabels().get()), genres));
    }

    String predicted() {
      List<String> names = new ArrayList<>();
      for (int j : model.predictedGenres()) {
        names.add(j < genres.size() ? genres.get(j) : "column " + j);
      }
      return String.join(", ", names);
    }

    String rowName() {
      return "Frequency baseline (every movie: " + predicted() + ")";
    }

    String definition() {
      int k = model.predictedGenres().length;
      return "The frequency baseline predicts for every test movie the " + k + " genre"
          + (k == 1 ? "" : "s") + " most frequent in the training labels (" + predicted()
          + "), k being the training set's mean number of genres per movie rounded to the nearest "
          + "integer. It uses no features: a system that does not beat it has learned nothing "
          + "from the plots or the posters.";
    }
  }
}
