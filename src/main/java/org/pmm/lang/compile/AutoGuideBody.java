package org.pmm.lang.compile;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.pmm.infer.autoguide.AutoDelta;
import org.pmm.infer.autoguide.AutoGuide;
import org.pmm.infer.autoguide.AutoNormal;
import org.pmm.lang.ast.SourceLocation;
import org.pmm.lang.program.Definitions;
import org.pmm.tensor.Tensor;

/**
 * The body of {@code guide m = auto_normal} (or {@code auto_delta}): the Java autoguide on the
 * compiled model, its parameters named {@code m.locs.SITE} and {@code m.scales.SITE} so that the
 * objective of model m steps them. In training and posterior-predictive runs it draws through
 * the handler stack; predicting, it gives its medians ({@code PREDICT_MEAN}) or one draw
 * ({@code PREDICT_SAMPLE}) to the model as the written guides do.
 *
 * <p>The autoguide finds the latent sites by running the model once, on the first run that
 * needs it: that run itself when it is traced, otherwise a posterior-predictive run on the same
 * data (a prediction run does not route sites through the handler stack, so a trace of it would
 * find none).
 */
final class AutoGuideBody implements Stmt {
  private final CompiledProgram program;
  private final AutoGuide<Run> guide;
  private final SourceLocation location;

  AutoGuideBody(CompiledProgram program, Function<Run, Object> model, Definitions.ModelDefinition m,
      String kind, SourceLocation location) {
    this.program = program;
    AutoGuide<Run> g = switch (kind) {
      case "auto_normal" -> new AutoNormal<>(model, m.name());
      case "auto_delta" -> new AutoDelta<>(model, m.name());
      default -> throw new CompileError(location, "unknown autoguide '" + kind + "'");
    };
    // the checked latent sites, by name or qualified by the model: a posterior-predictive run
    // draws the observed sites too, and they are not the guide's
    Set<String> latent = new HashSet<>();
    for (Definitions.Site s : m.latentSites()) {
      latent.add(s.name());
      latent.add(m.name() + "." + s.name());
    }
    this.guide = g.guiding(latent::contains);
    this.location = location;
  }

  @Override
  public void run(Frame f) {
    Run run = f.run;
    try {
      guide.setup(run.traced() ? run : new Run(program, run.data, Mode.POSTERIOR, run.step));
    } catch (IllegalArgumentException e) {
      throw new CompileError(location, e.getMessage());
    }
    Map<String, Tensor> values = switch (run.mode) {
      case TRAIN, POSTERIOR -> guide.apply(run);
      case PREDICT_MEAN, PREDICT_DROPOUT -> guide.median(run);
      case PREDICT_SAMPLE -> guide.draw(run, program.predictionRng());
    };
    if (f.recorded != null) {
      f.recorded.putAll(values);
    }
  }
}
