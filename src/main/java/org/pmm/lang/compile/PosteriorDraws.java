package org.pmm.lang.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.infer.Predictive;
import org.pmm.Pmm;
import org.pmm.handlers.SeedMessenger;
import org.pmm.handlers.StepSeed;
import org.pmm.handlers.Trace;
import org.pmm.lang.program.Definitions.ModelDefinition;
import org.pmm.lang.program.Definitions.Site;
import org.pmm.params.ParamStore;
import org.pmm.tensor.StepScope;

/**
 * Draws of every latent site from the trained guides: the approximate posterior, element by
 * element. Draw k is the guide run under the seed {@code StepSeed.of(seed, k)}, so the draws
 * repeat for a seed.
 *
 * <pre>{@code
 * Map<String, PosteriorDraws.Samples> draws = PosteriorDraws.draw(program, program.inlineData(), 1000, 0);
 * double[][] p = draws.get("p").values();   // [1000][1]
 * }</pre>
 */
public final class PosteriorDraws {
  /** A latent site's draws: {@code values[k]} is draw k flattened (row-major) to {@code shape}. */
  public record Samples(String site, long[] shape, double[][] values) {}

  private PosteriorDraws() {}

  /** {@code samples} draws of the latent sites of every model that has a guide. */
  public static Map<String, Samples> draw(CompiledProgram program, DataBinding data, int samples,
      long seed) {
    Map<String, List<double[]>> values = new LinkedHashMap<>();
    Map<String, long[]> shapes = new LinkedHashMap<>();
    for (ModelDefinition m : program.checked().models().values()) {
      if (!program.checked().guides().containsKey(m.name()) || m.latentSites().isEmpty()) {
        continue;
      }
      int index = program.modelIndex(m.name());
      for (int k = 0; k < samples; k++) {
        try (ParamStore.Activation active = program.store().activate();
            StepScope scope = StepScope.open();
            SeedMessenger draws = Pmm.seed(StepSeed.of(seed, k)).enter()) {
          Run run = new Run(program, data, Mode.TRAIN, k);
          Trace t = Pmm.trace(program.guideFunction(index), run);
          for (Site s : m.latentSites()) {
            String name = siteName(t, m, s);
            var value = t.site(name).value().value();
            shapes.putIfAbsent(name, value.shape());
            values.computeIfAbsent(name, x -> new ArrayList<>()).add(value.dup().toDoubleVector());
          }
        }
      }
    }
    Map<String, Samples> out = new LinkedHashMap<>();
    values.forEach((name, v) -> out.put(name,
        new Samples(name, shapes.get(name), v.toArray(double[][]::new))));
    return out;
  }

  /**
   * {@code samples} posterior-predictive draws of the observed sites of every model: draw k runs
   * the model's guide, then the model conditioned on the guide's latent values with its
   * observations drawn instead of scored (whatever {@code data} holds for them), every plate
   * over all its rows. Keyed by the site's name in the model.
   */
  public static Map<String, Samples> predictive(CompiledProgram program, DataBinding data,
      int samples, long seed) {
    Map<String, Samples> out = new LinkedHashMap<>();
    for (ModelDefinition m : program.checked().models().values()) {
      if (m.observedSites().isEmpty()) {
        continue;
      }
      int index = program.modelIndex(m.name());
      Function<Run, ?> guide = program.checked().guides().containsKey(m.name())
          ? program.guideFunction(index) : run -> null;
      Map<String, INDArray> draws = new Predictive<Run>(program.modelFunction(index), guide,
          program.store(), samples, seed)
          .callPerDraw(k -> new Run(program, data, Mode.POSTERIOR, k));
      for (Site s : m.observedSites()) {
        INDArray d = draws.containsKey(s.name()) ? draws.get(s.name())
            : draws.get(m.name() + "." + s.name());
        if (d == null) {
          throw new CompileError(s.location(), "the model '" + m.name() + "' did not draw its "
              + "observed site '" + s.name() + "'");
        }
        long[] shape = java.util.Arrays.copyOfRange(d.shape(), 1, d.rank());
        INDArray rows = d.reshape('c', samples, d.length() / samples);
        double[][] values = new double[samples][];
        for (int k = 0; k < samples; k++) {
          values[k] = rows.getRow(k).toDoubleVector();
        }
        out.put(s.name(), new Samples(s.name(), shape, values));
      }
    }
    return out;
  }

  /** The site as the guide's trace names it: by its own name, or qualified by its model. */
  private static String siteName(Trace t, ModelDefinition m, Site s) {
    if (t.contains(s.name())) {
      return s.name();
    }
    String qualified = m.name() + "." + s.name();
    if (t.contains(qualified)) {
      return qualified;
    }
    throw new CompileError(s.location(), "the guide of '" + m.name() + "' does not sample '"
        + s.name() + "'");
  }
}
