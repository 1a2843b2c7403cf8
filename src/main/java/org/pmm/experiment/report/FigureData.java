package org.pmm.experiment.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmm.experiment.metrics.MeanStd;
import java.util.Optional;

/** Which systems each figure shows and the series it plots, from the results. */
final class FigureData {
  /** PM+MO rows in order of preference for the headline comparison with the GMU. */
  static final List<String> PMMO_PREFERENCE = List.of("pmmo-lkl-l2", "pmmo-lkl-l2-1024");

  private FigureData() {}

  /** The PM+MO row set against the GMU: λKL+L2 if present, else another PM+MO row. */
  static Optional<SystemResult> headlinePmmo(ExperimentResults results) {
    for (String slug : PMMO_PREFERENCE) {
      Optional<SystemResult> s = results.system(slug);
      if (s.isPresent()) {
        return s;
      }
    }
    return results.systems().stream().filter(s -> s.slug().startsWith("pmmo")).findFirst();
  }

  /**
   * Validation curve over every epoch: epoch e's mean and standard deviation over the cycles
   * that reached it.
   */
  static CurveBand validationCurve(SystemResult system) {
    return epochBand(system, CycleResult::valWeightedF1);
  }

  /** The training loss per epoch: mean and standard deviation over cycles, as the curve above. */
  static CurveBand trainLossCurve(SystemResult system) {
    return epochBand(system, CycleResult::trainLoss);
  }

  private static CurveBand epochBand(SystemResult system,
      java.util.function.Function<CycleResult, List<Double>> perEpoch) {
    int epochs = system.cycles().stream().mapToInt(c -> perEpoch.apply(c).size()).max().orElse(0);
    double[] mean = new double[epochs];
    double[] sd = new double[epochs];
    for (int e = 0; e < epochs; e++) {
      List<Double> values = new java.util.ArrayList<>();
      for (CycleResult c : system.cycles()) {
        List<Double> curve = perEpoch.apply(c);
        if (e < curve.size() && Double.isFinite(curve.get(e))) {
          values.add(curve.get(e));
        }
      }
      MeanStd m = MeanStd.of(values.stream().mapToDouble(Double::doubleValue).toArray());
      mean[e] = m.mean();
      sd[e] = values.size() > 1 ? m.std() : 0;
    }
    return new CurveBand(mean, sd);
  }

  /** Figure 2's curves: the GMU with and without regularisation, or every system if neither. */
  static Map<String, CurveBand> validationCurves(ExperimentResults results) {
    List<SystemResult> shown = results.systems().stream()
        .filter(s -> s.slug().equals("gmu") || s.slug().equals("gmu-noreg")).toList();
    if (shown.isEmpty()) {
      shown = results.systems();
    }
    Map<String, CurveBand> curves = new LinkedHashMap<>();
    for (SystemResult s : shown) {
      CurveBand curve = validationCurve(s);
      if (curve.mean().length > 0) {
        curves.put(s.name(), curve);
      }
    }
    return curves;
  }

  /** Figure 3's systems: the headline PM+MO row and the GMU, or the first system if neither. */
  static List<SystemResult> perGenreSystems(ExperimentResults results) {
    List<SystemResult> shown = new java.util.ArrayList<>();
    headlinePmmo(results).ifPresent(shown::add);
    results.system("gmu").ifPresent(shown::add);
    if (shown.isEmpty() && !results.systems().isEmpty()) {
      shown.add(results.systems().get(0));
    }
    shown.removeIf(s -> s.cycles().isEmpty());
    return shown;
  }

  /** Mean over cycles of each genre's weighted F1, in the given genre order (NaN if absent). */
  static double[] perGenreMeans(SystemResult system, List<String> genres, boolean weighted) {
    return perGenreBand(system, genres, weighted).mean();
  }

  /**
   * Per-genre F1 (weighted, or of the positive class) in genre order: the mean over cycles and
   * its sample standard deviation (0 for one cycle; NaN for a genre no cycle scored).
   */
  static CurveBand perGenreBand(SystemResult system, List<String> genres, boolean weighted) {
    double[] means = new double[genres.size()];
    double[] sds = new double[genres.size()];
    for (int j = 0; j < genres.size(); j++) {
      List<Double> values = new java.util.ArrayList<>();
      for (CycleResult c : system.cycles()) {
        var score = c.perGenre().get(genres.get(j));
        if (score != null) {
          values.add(weighted ? score.weightedF1() : score.f1());
        }
      }
      MeanStd m = MeanStd.of(values.stream().mapToDouble(Double::doubleValue).toArray());
      means[j] = m.mean();
      sds[j] = values.size() > 1 ? m.std() : values.isEmpty() ? Double.NaN : 0;
    }
    return new CurveBand(means, sds);
  }

  /** Genre names from the inputs, else from the first cycle's per-genre scores. */
  static List<String> genres(ExperimentResults results, ReportInputs extras) {
    if (!extras.genres().isEmpty()) {
      return extras.genres();
    }
    return results.systems().stream().flatMap(s -> s.cycles().stream())
        .map(c -> List.copyOf(c.perGenre().keySet())).findFirst().orElse(List.of());
  }
}
