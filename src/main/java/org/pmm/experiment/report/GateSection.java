package org.pmm.experiment.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.pmm.experiment.metrics.MeanStd;

/**
 * What the fusion gate learned, for the headline PM+MO row and the GMU: the gate's mean
 * activation (the image representation's share) over the test movies of each genre, as a table
 * ({@link #append}) and as Figure 6 ({@link #writeFigure}), with the genres that lean most to
 * the image and to the text named.
 *
 * <pre>{@code
 * GateSection.writeFigure(out, results, genres);   // fig6-gate.png, when a system has a gate
 * GateSection.append(md, results, figures);        // "## What the gate learned" and its table
 * }</pre>
 */
final class GateSection {
  private GateSection() {}

  /** The systems shown: the headline PM+MO row and the GMU, those with gate results. */
  private static List<SystemResult> shown(ExperimentResults r) {
    List<SystemResult> out = new ArrayList<>();
    FigureData.headlinePmmo(r).ifPresent(out::add);
    r.system("gmu").ifPresent(out::add);
    out.removeIf(s -> s.cycles().stream().allMatch(c -> c.gate() == null));
    return out;
  }

  /** Per genre, mean and sd over cycles of the gate's mean activation (NaN: no movie). */
  private static CurveBand band(SystemResult s, List<String> genres) {
    double[] mean = new double[genres.size()];
    double[] sd = new double[genres.size()];
    for (int j = 0; j < genres.size(); j++) {
      String g = genres.get(j);
      double[] v = s.cycles().stream().map(CycleResult::gate).filter(Objects::nonNull)
          .map(a -> a.perGenre().get(g)).filter(Objects::nonNull).mapToDouble(Double::doubleValue)
          .toArray();
      MeanStd m = v.length == 0 ? new MeanStd(Double.NaN, Double.NaN) : MeanStd.of(v);
      mean[j] = m.mean();
      sd[j] = m.std();
    }
    return new CurveBand(mean, sd);
  }

  /** Writes Figure 6 when a shown system has gate results; returns whether it did. */
  static boolean writeFigure(Path outDir, ExperimentResults r, List<String> genres)
      throws IOException {
    List<SystemResult> systems = shown(r);
    if (systems.isEmpty() || genres.isEmpty()) {
      return false;
    }
    Map<String, CurveBand> bands = new LinkedHashMap<>();
    systems.forEach(s -> bands.put(s.name(), band(s, genres)));
    GateFigure.write(outDir.resolve(GateFigure.FILE), genres, bands);
    return true;
  }

  static void append(StringBuilder md, ExperimentResults r, List<String> genres,
      java.util.Set<String> figures) {
    List<SystemResult> systems = shown(r);
    if (systems.isEmpty() || genres.isEmpty()) {
      return;
    }
    List<String> header = new ArrayList<>(List.of("Genre"));
    systems.forEach(s -> header.add(s.name()));
    MarkdownTable t = new MarkdownTable(header.toArray(String[]::new));
    List<String> all = new ArrayList<>(List.of("all test movies"));
    for (SystemResult s : systems) {
      double[] v = s.cycles().stream().map(CycleResult::gate).filter(Objects::nonNull)
          .mapToDouble(CycleResult.GateActivation::mean).toArray();
      all.add(cell(MeanStd.of(v), v.length));
    }
    t.row(all.toArray(String[]::new));
    Map<String, CurveBand> bands = new LinkedHashMap<>();
    systems.forEach(s -> bands.put(s.name(), band(s, genres)));
    for (int j = 0; j < genres.size(); j++) {
      List<String> row = new ArrayList<>(List.of(genres.get(j)));
      for (SystemResult s : systems) {
        CurveBand b = bands.get(s.name());
        row.add(Double.isNaN(b.mean()[j]) ? "—"
            : cell(new MeanStd(b.mean()[j], b.sd()[j]), s.cycles().size()));
      }
      t.row(row.toArray(String[]::new));
    }
    md.append("## What the gate learned\n\n")
        .append("The fusion gate mixes the text and image representations per unit: ")
        .append("z = g · image + (1 − g) · text. Its mean activation g over the test movies of each ")
        .append("genre (at the selected weights; PM+MO's at the guide's locations) says how much ")
        .append("the system relies on the poster for that genre: above 0.5, more on the image.\n\n")
        .append(t.render()).append("\n");
    for (int i = 0; i < systems.size(); i++) {
      md.append(i == 0 ? "" : " ");
      leaning(md, systems.get(i).name(), genres, bands.get(systems.get(i).name()));
    }
    md.append("\n\n");
    if (figures.contains(GateFigure.FILE)) {
      md.append("Figure 6: the table's per-genre gate activations (mean ± sd over cycles).\n\n")
          .append("![Figure 6: gate activation per genre](").append(GateFigure.FILE)
          .append(")\n\n");
    }
  }

  /** "The GMU baseline's gate leans most to the image for X (0.61), most to the text for Y." */
  private static void leaning(StringBuilder md, String name, List<String> genres, CurveBand b) {
    Optional<Integer> most = java.util.stream.IntStream.range(0, genres.size())
        .filter(j -> !Double.isNaN(b.mean()[j])).boxed()
        .max(java.util.Comparator.comparingDouble(j -> b.mean()[j]));
    Optional<Integer> least = java.util.stream.IntStream.range(0, genres.size())
        .filter(j -> !Double.isNaN(b.mean()[j])).boxed()
        .min(java.util.Comparator.comparingDouble(j -> b.mean()[j]));
    if (most.isEmpty()) {
      return;
    }
    md.append(String.format(Locale.ROOT, "%s's gate gives the image the largest share for %s "
        + "(%.3f) and the smallest for %s (%.3f).", name, genres.get(most.get()),
        b.mean()[most.get()], genres.get(least.get()), b.mean()[least.get()]));
  }

  private static String cell(MeanStd m, int cycles) {
    return cycles <= 1 ? MarkdownTable.f3(m.mean()) : MarkdownTable.meanStd(m.mean(), m.std());
  }
}
