package org.pmm.lang.compile;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.params.ParamStore;
import org.pmm.tensor.HostArrays;
import org.pmm.tensor.StepArena;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;

/**
 * Runs a program's {@code eval { predict = ... }} expression outside training: at the guide's
 * locations, as the mean of guide draws, or as many draws summarised by their mean and standard
 * deviation (guide draws, or MC dropout for a program without latent sites). Each call runs in
 * the step arena, as a training step does, so that repeated evaluations reuse one block.
 *
 * <pre>{@code
 * INDArray p = EvalPrediction.of(program).predict(data, 0);
 * Predictive d = EvalPrediction.of(program).predictive(data, 20);
 * }</pre>
 */
final class EvalPrediction {
  private final CompiledProgram program;

  private EvalPrediction(CompiledProgram program) {
    this.program = program;
  }

  static EvalPrediction of(CompiledProgram program) {
    return new EvalPrediction(program);
  }

  /** An {@code eval} expression at the guide's locations. */
  INDArray evaluate(CompiledProgram.EvalExpression e, DataBinding data) {
    return inStep(() -> {
      INDArray out = eval(e, data, Mode.PREDICT_MEAN).value();
      return StepArena.outside(out::dup);
    });
  }

  /**
   * The prediction at the guide's locations and {@code other}, in one evaluation: the models
   * both read (a fusion's {@code z} and {@code g}) run once, where {@link #predict} and
   * {@link #evaluate} would run them once each. Each value as those give it.
   */
  INDArray[] predictAnd(CompiledProgram.EvalExpression other, DataBinding data) {
    return inStep(() -> {
      Run run = new Run(program, data, Mode.PREDICT_MEAN, -1);
      INDArray p = eval(program.predictExpression(), run).value();
      INDArray o = eval(other, run).value();
      return new INDArray[] {StepArena.outside(p::dup), StepArena.outside(o::dup)};
    });
  }

  /** At the guide's locations, or the mean over {@code samples} guide draws when positive. */
  INDArray predict(DataBinding data, int samples) {
    CompiledProgram.EvalExpression predict = program.predictExpression();
    return inStep(() -> {
      boolean sampled = samples > 0 && program.hasLatentSites();
      Tensor p;
      if (!sampled) {
        p = eval(predict, data, Mode.PREDICT_MEAN);
      } else {
        Tensor sum = null;
        for (int s = 0; s < samples; s++) {
          Tensor draw = eval(predict, data, Mode.PREDICT_SAMPLE);
          sum = sum == null ? draw : sum.add(draw);
        }
        p = sum.div(samples);
      }
      INDArray out = p.value();
      return StepArena.outside(out::dup);
    });
  }

  /** {@code samples} draws (at least 2) summarised; null when the prediction has no randomness. */
  Predictive predictive(DataBinding data, int samples) {
    if (samples < 2) {
      throw new IllegalArgumentException("a predictive sd needs at least 2 draws, got " + samples);
    }
    Predictive.Method method = program.hasLatentSites() ? Predictive.Method.GUIDE_SAMPLES
        : program.hasDropout() ? Predictive.Method.MC_DROPOUT : null;
    if (method == null) {
      return null;
    }
    Mode mode = method == Predictive.Method.GUIDE_SAMPLES ? Mode.PREDICT_SAMPLE
        : Mode.PREDICT_DROPOUT;
    CompiledProgram.EvalExpression predict = program.predictExpression();
    double[][] sum = null;
    double[][] sumSq = null;
    double[][] first = null;
    for (int s = 0; s < samples; s++) {
      float[][] draw = inStep(() -> HostArrays.rows(eval(predict, data, mode).value()));
      if (sum == null) {
        sum = new double[draw.length][draw[0].length];
        sumSq = new double[draw.length][draw[0].length];
        first = new double[draw.length][draw[0].length];
        for (int i = 0; i < draw.length; i++) {
          for (int j = 0; j < draw[i].length; j++) {
            first[i][j] = draw[i][j];
          }
        }
      }
      // deviations from the first draw keep the sum of squares accurate for small spreads
      for (int i = 0; i < draw.length; i++) {
        for (int j = 0; j < draw[i].length; j++) {
          double d = draw[i][j] - first[i][j];
          sum[i][j] += d;
          sumSq[i][j] += d * d;
        }
      }
    }
    float[][] mean = new float[sum.length][sum[0].length];
    float[][] sd = new float[sum.length][sum[0].length];
    for (int i = 0; i < sum.length; i++) {
      for (int j = 0; j < sum[i].length; j++) {
        double m = sum[i][j] / samples;
        mean[i][j] = (float) (first[i][j] + m);
        sd[i][j] = (float) Math.sqrt(Math.max(0, (sumSq[i][j] - samples * m * m)
            / (samples - 1)));
      }
    }
    return new Predictive(method, samples, mean, sd);
  }

  /**
   * {@code work} as one evaluation step: in the step arena, with the program's parameters active
   * and the step's tensors freed after it; what it returns must live outside the arena.
   */
  private <T> T inStep(java.util.function.Supplier<T> work) {
    try (StepArena arena = StepArena.open();
        ParamStore.Activation active = program.store().activate();
        StepScope scope = StepScope.open()) {
      return work.get();
    }
  }

  private Tensor eval(CompiledProgram.EvalExpression e, DataBinding data, Mode mode) {
    return eval(e, new Run(program, data, mode, -1));
  }

  private static Tensor eval(CompiledProgram.EvalExpression e, Run run) {
    return e.node().eval(new Frame(run, e.slots()));
  }
}
