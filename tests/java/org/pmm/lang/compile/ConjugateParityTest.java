package org.pmm.lang.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.Pmm;
import org.pmm.distributions.Independent;
import org.pmm.distributions.Normal;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.handlers.PlateMessenger;
import org.pmm.handlers.SeedMessenger;
import org.pmm.infer.ElboResult;
import org.pmm.infer.TraceElbo;
import org.pmm.optim.Adam;
import org.pmm.optim.ClippedAdam;
import org.pmm.params.ParamStore;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;

/**
 * models/normal_normal.pmm compiled, and the same model written with the Java API, give the
 * same loss and the same parameters after each of several SVI steps from the same seed (the
 * compiled objective is −ELBO divided by the data plate's size, as the language defines it).
 */
class ConjugateParityTest {
  private static final double LR = 0.05;

  @Test
  void compiledNormalNormalEqualsTheJavaApiStepByStep() {
    long seed = 3;
    CompiledProgram compiled = ConjugateProgramTest.compile("models/normal_normal.pmm",
        Map.of("lr", Double.toString(LR)), seed);

    ParamStore store = new ParamStore();
    Adam adam = new Adam(LR);
    for (long step = 0; step < 5; step++) {
      double compiledLoss = compiled.step(compiled.inlineData(), step);
      DataType t = compiled.store().entry("posterior.z_loc").unconstrained().dataType();
      double javaLoss = javaStep(store, adam, seed, step, t);
      assertEquals(compiledLoss, javaLoss, 1e-5 * Math.max(1, Math.abs(javaLoss)), "step " + step);
      for (String name : new String[] {"posterior.z_loc", "posterior.z_scale"}) {
        INDArray a = compiled.store().constrained(name);
        INDArray b = store.constrained(name);
        for (int i = 0; i < 2; i++) {
          assertEquals(a.getDouble(i), b.getDouble(i), 1e-5, name + "[" + i + "] after step " + step);
        }
      }
    }
  }

  private static double javaStep(ParamStore store, Adam adam, long seed, long step, DataType t) {
    Tensor x = Tensor.constant(Nd4j.createFromArray(new double[][] {
        {-0.1, 0.3}, {0, 0.4}, {0.2, 0.5}, {0.1, 0.7}}).castTo(t));
    Tensor priorLoc = Tensor.constant(Nd4j.createFromArray(0.0, 0.5).castTo(t));
    Tensor priorScale = Tensor.constant(Nd4j.createFromArray(1 / Math.sqrt(0.1),
        1 / Math.sqrt(0.1)).castTo(t));
    Tensor likScale = Tensor.constant(Nd4j.createFromArray(1 / Math.sqrt(6), 1 / Math.sqrt(4))
        .castTo(t));
    Function<Tensor, Object> model = data -> {
      Tensor z = Pmm.sample("posterior.z", Independent.of(new Normal(priorLoc, priorScale), 1));
      try (PlateMessenger rows = Pmm.plate("rows", 4)) {
        Pmm.sample("x", Independent.of(new Normal(z, likScale), 1), data);
      }
      return null;
    };
    Function<Tensor, Object> guide = data -> {
      Tensor loc = Pmm.param("posterior.z_loc", () -> Nd4j.zeros(t, 2));
      Tensor scale = Pmm.param("posterior.z_scale", () -> Nd4j.ones(t, 2), Constraints.positive());
      return Pmm.sample("posterior.z", Independent.of(new Normal(loc, scale), 1));
    };
    try (ParamStore.Activation a = store.activate();
        StepScope scope = StepScope.open();
        SeedMessenger s = Pmm.seed(CompiledProgram.samplingSeed(seed, step)).enter()) {
      ElboResult r = new TraceElbo(1).loss(model, guide, x);
      // a .pmm ELBO objective is (−ELBO + penalty) / N, N the size of the data plate (4)
      r.surrogateLoss().div(4).backward();
      adam.step(store.parameters());
      return r.loss() / 4;
    }
  }

  @Test
  void compiledBetaBernoulliEqualsTheJavaApiStepByStep() {
    long seed = 5;
    CompiledProgram compiled = ConjugateProgramTest.compile("models/beta_bernoulli.pmm",
        Map.of("lr", Double.toString(LR)), seed);
    ParamStore store = new ParamStore();
    // the optimiser the model names: ClippedAdam(lr, lr_decay: 0.999), clip 10 by default
    ClippedAdam adam = new ClippedAdam(LR, 10.0, 0.999);
    for (long step = 0; step < 5; step++) {
      double compiledLoss = compiled.step(compiled.inlineData(), step);
      DataType t = compiled.store().entry("coin.alpha_q").unconstrained().dataType();
      Tensor flips = Tensor.constant(Nd4j.createFromArray(0.0, 1.0, 1.0, 1.0).castTo(t));
      Function<Tensor, Object> model = data -> {
        Tensor p = Pmm.sample("coin.p", new org.pmm.distributions.Beta(
            Tensor.constant(Nd4j.ones(t, 1)), Tensor.constant(Nd4j.ones(t, 1))));
        try (PlateMessenger rows = Pmm.plate("tosses", 4)) {
          Pmm.sample("flips", org.pmm.distributions.Bernoulli.probs(p), data);
        }
        return null;
      };
      Function<Tensor, Object> guide = data -> {
        Tensor a = Pmm.param("coin.alpha_q", () -> Nd4j.valueArrayOf(new long[] {1}, 1.0, t),
            Constraints.positive());
        Tensor b = Pmm.param("coin.beta_q", () -> Nd4j.valueArrayOf(new long[] {1}, 1.0, t),
            Constraints.positive());
        return Pmm.sample("coin.p", new org.pmm.distributions.Beta(a, b));
      };
      double javaLoss;
      try (ParamStore.Activation act = store.activate();
          StepScope scope = StepScope.open();
          SeedMessenger sd = Pmm.seed(CompiledProgram.samplingSeed(seed, step)).enter()) {
        ElboResult r = new TraceElbo(1).loss(model, guide, flips);
        r.surrogateLoss().div(4).backward();
        adam.step(store.parameters());
        javaLoss = r.loss() / 4;
      }
      assertEquals(compiledLoss, javaLoss, 1e-5 * Math.max(1, Math.abs(javaLoss)), "step " + step);
      for (String name : new String[] {"coin.alpha_q", "coin.beta_q"}) {
        assertEquals(compiled.store().constrained(name).getDouble(0),
            store.constrained(name).getDouble(0), 1e-5, name + " after step " + step);
      }
    }
  }
}
