package org.pmm.experiment.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.pmm.experiment.metrics.F1Scores;

/** Made-up results for report tests: plausible numbers, not produced by training. */
final class ResultsFixtures {
  static final List<String> GENRES = List.of("Drama", "Comedy", "Romance", "Thriller", "Crime",
      "Action", "Adventure", "Horror", "Documentary", "Mystery", "Sci-Fi", "Fantasy", "Family",
      "Biography", "War", "History", "Music", "Animation", "Musical", "Western", "Sport", "Short",
      "Film-Noir");

  /** MM-IMDb's genre counts, column order (docs/data.md). */
  static final long[] COUNTS = {13967, 8592, 5364, 5192, 3838, 3550, 2710, 2703, 2082, 2057, 1991,
      1933, 1668, 1343, 1335, 1143, 1045, 997, 841, 705, 634, 471, 338};

  private ResultsFixtures() {}

  /** A system with made-up cycles around {@code level}; per-cycle seeds 0, 1, ... */
  static SystemResult system(String slug, String name, double level, int cycles, int epochs,
      Map<String, Object> config, long seed) {
    Random random = new Random(seed);
    List<CycleResult> list = new ArrayList<>();
    for (int k = 0; k < cycles; k++) {
      Map<String, org.pmm.experiment.metrics.GenreScore> perGenre = new LinkedHashMap<>();
      for (int j = 0; j < GENRES.size(); j++) {
        double f = Math.max(0, 0.8 - 0.025 * j + 0.03 * random.nextGaussian() + (level - 0.6));
        double prevalence = COUNTS[j] / 25959.0;
        // weighted F1 = prevalence · F1(positive) + (1 − prevalence) · F1(negative), roughly
        double weighted = prevalence * f + (1 - prevalence) * (0.97 - 0.2 * prevalence);
        perGenre.put(GENRES.get(j), new org.pmm.experiment.metrics.GenreScore(f, weighted,
            COUNTS[j] * 3 / 10));
      }
      List<Double> val = new ArrayList<>();
      List<Double> loss = new ArrayList<>();
      List<Double> secs = new ArrayList<>();
      for (int e = 0; e < epochs; e++) {
        val.add(level - 0.15 * Math.exp(-e / 2.0) - 0.004 * Math.max(0, e - 5)
            + 0.004 * random.nextGaussian());
        loss.add(2.0 * Math.exp(-e / 4.0) + 0.3);
        secs.add(level * 10 + random.nextDouble());
      }
      double n = 0.005 * random.nextGaussian();
      F1Scores test = new F1Scores(level + n, level - 0.08 + n + 0.004 * random.nextGaussian(),
          level - 0.005 + n + 0.002 * random.nextGaussian(),
          level + 0.002 + n + 0.002 * random.nextGaussian());
      int best = 1 + val.indexOf(val.stream().max(Double::compare).orElseThrow());
      list.add(new CycleResult(k, best, test, perGenre, val, loss, secs));
    }
    return SystemResult.summarise(name, slug, "models/" + slug.split("-")[0] + ".pmm", config, list);
  }

  static Map<String, Object> config(int hidden, String elbo, double l2) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("hidden", hidden);
    c.put("classifier_width", hidden);
    c.put("maxout_pieces", 2);
    c.put("lr", 0.005);
    c.put("epochs", 10);
    c.put("batchnorm", true);
    c.put("elbo", elbo);
    c.put("l2", l2);
    c.put("threshold", 0.5);
    return c;
  }

  /** Every row of the experiment (docs/pmmo.md), made up, 3 cycles each. */
  static ExperimentResults fullExperiment() {
    List<SystemResult> systems = new ArrayList<>();
    long seed = 1;
    for (PaperSystem p : PaperSystem.ALL) {
      double level = p.paper() == null ? 0.57 : p.paper().micro() - 0.02;
      systems.add(system(p.slug(), p.name(), level, 3, 10,
          config(p.slug().endsWith("1024") ? 1024 : 256, p.slug().startsWith("gmu") ? "none"
              : "annealed", p.slug().contains("l2") ? 0.1 : 0.0), seed++));
    }
    return ExperimentResults.withStandardComparisons("0.1.0",
        new DataInfo("data/surrogate.h5", 25959, "official"), systems);
  }
}
