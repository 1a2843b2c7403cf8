package org.pmm.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.Pmm;
import org.pmm.distributions.Bernoulli;
import org.pmm.distributions.Independent;
import org.pmm.handlers.PlateMessenger;
import org.pmm.handlers.SeedMessenger;
import org.pmm.handlers.StepSeed;
import org.pmm.nn.BayesianLinear;
import org.pmm.nn.GatedFusion;
import org.pmm.nn.Linear;
import org.pmm.optim.Optimizer;
import org.pmm.optim.Sgd;
import org.pmm.params.ParamStore;
import org.pmm.tensor.Ops;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;

/**
 * PM+MO's joint step written with the public Java API, as docs/pmmo.md shows it: one objective
 * {@code (−ELBO_A + penalty)/N + bce_C}, one gradient, an optimiser per module, per-step seeds
 * and a max-norm hook. Checked against central finite differences of the same objective at the
 * same step's draws: a missing term, a gradient cut between the modules or a parameter stepped
 * by the wrong optimiser changes the update.
 */
class JointStepExampleTest {
  private static final long N = 40;
  private static final double L2 = 0.5;
  private static final double MAX_NORM = 0.6;
  /** The batch's rows among the N training rows (the likelihood is scaled by N / 8). */
  private static final long[] BATCH_ROWS = {0, 5, 10, 15, 20, 25, 30, 35};

  /** A batch of movies: text and image features, 0/1 labels per genre, their training rows. */
  record Movies(Tensor text, Tensor image, INDArray labels, long[] rows) {}

  /**
   * Module A (Bayesian gated fusion with an auxiliary head), module C (a linear classifier). The
   * priors are Laplace(3, 1): their kink lies far from the weights, where finite differences
   * would straddle it.
   */
  private static final class JointStep {
    final RandomStream rng = new RandomStream(3);
    final BayesianLinear text = new BayesianLinear("A.text", 3, 2, 3, 1, 0.1, rng);
    final BayesianLinear image = new BayesianLinear("A.image", 2, 2, 3, 1, 0.1, rng);
    final BayesianLinear gate = new BayesianLinear("A.gate", 4, 2, 3, 1, 0.1, rng);
    final BayesianLinear head = new BayesianLinear("A.head", 2, 2, 3, 1, 0.1, rng);
    final Linear classifier = new Linear("C.out", 2, 2, rng);
    final Elbo elbo = Elbos.create("trace");

    Tensor model(Movies m) {
      Tensor z = GatedFusion.fuse(m.text(), m.image(), text.model(), image.model(), gate.model());
      try (PlateMessenger rows = Pmm.plate("rows", N, m.rows(), -1)) {
        Pmm.sample("y", Independent.of(Bernoulli.logits(head.model().apply(z)), 1),
            Tensor.constant(m.labels()));
      }
      return z;
    }

    Object guide(Movies m) {
      for (BayesianLinear layer : List.of(text, image, gate, head)) {
        layer.guide();
      }
      return null;
    }

    Tensor penalty(ParamStore store) {
      Tensor sum = null;
      for (BayesianLinear layer : List.of(text, image, gate, head)) {
        for (String loc : layer.locationNames()) {
          Tensor w = store.parameters().get(loc);
          sum = sum == null ? w.mul(w).sum() : sum.add(w.mul(w).sum());
        }
      }
      return sum.mul(L2);
    }

    // --- the example in docs/pmmo.md ---
    Svi.Loss joint(Movies m, ParamStore store) {
      ElboResult a = elbo.loss(this::model, this::guide, m);
      Tensor penalty = penalty(store);
      Tensor bce = Ops.bceWithLogits(classifier.apply((Tensor) a.modelValue()), m.labels()).mean();
      return new Svi.Loss(a.surrogateLoss().add(penalty).div(N).add(bce),
          (a.loss() + penalty.item()) / N + bce.item());
    }

    Svi<Movies> svi(ParamStore store, Optimizer forA, Optimizer forC) {
      return Svi.<Movies>builder(store)
          .objective("joint", (m, step) -> joint(m, store))
          .group(name -> name.startsWith("A."), forA)
          .group(name -> name.startsWith("C."), forC)
          .seed(0)
          .afterStep(s -> Ops.maxNormColumns(s.parameters().get("C.out.W"), MAX_NORM))
          .build();
    }
    // ---
  }

  private static Movies movies() {
    RandomStream rng = new RandomStream(11);
    INDArray text = rng.normal(DataType.FLOAT, 8, 3);
    INDArray image = rng.normal(DataType.FLOAT, 8, 2);
    INDArray labels = text.getColumn(0).add(image.getColumn(1)).gt(0).castTo(DataType.FLOAT)
        .reshape(8, 1).repeat(1, 2);
    labels.getColumn(1).assign(text.getColumn(2).gt(0).castTo(DataType.FLOAT));
    return new Movies(Tensor.constant(text), Tensor.constant(image), labels, BATCH_ROWS);
  }

  /** The objective's value at step {@code step}'s draws, parameters as they are. */
  private static double lossAt(JointStep example, ParamStore store, Movies m, long step) {
    try (ParamStore.Activation active = store.activate();
        StepScope scope = StepScope.open();
        SeedMessenger draws = Pmm.seed(StepSeed.of(0, step)).enter()) {
      return example.joint(m, store).value();
    }
  }

  @Test
  void theUpdateOfEachModuleIsItsOptimiserAppliedToTheJointGradient() {
    JointStep example = new JointStep();
    ParamStore store = new ParamStore();
    Movies m = movies();
    double lrA = 0.1;
    double lrC = 0.02;
    Svi<Movies> svi = example.svi(store, new Sgd(lrA), new Sgd(lrC));
    double before0 = lossAt(example, store, m, 5); // also creates the parameters
    Map<String, INDArray> before = new java.util.LinkedHashMap<>();
    store.parameters().forEach((k, v) -> before.put(k, v.value().dup()));

    // finite differences of the joint objective at step 5's draws, a few elements per parameter
    List<String> checked = new ArrayList<>();
    double h = 1e-2;
    Map<String, double[]> numeric = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, INDArray> e : before.entrySet()) {
      INDArray p = store.parameters().get(e.getKey()).value();
      long n = Math.min(3, p.length());
      double[] g = new double[(int) n];
      for (int i = 0; i < n; i++) {
        double x = p.getDouble(i);
        p.putScalar(i, x + h);
        double up = lossAt(example, store, m, 5);
        p.putScalar(i, x - h);
        double down = lossAt(example, store, m, 5);
        p.putScalar(i, x);
        g[i] = (up - down) / (2 * h);
      }
      numeric.put(e.getKey(), g);
      checked.add(e.getKey());
    }

    double reported = svi.step(m, 5);
    assertEquals(before0, reported, 1e-5,
        "the step reports the objective before its update");
    double largestA = 0;
    for (String name : checked) {
      double lr = name.startsWith("A.") ? lrA : lrC;
      INDArray after = store.parameters().get(name).value();
      double[] g = numeric.get(name);
      for (int i = 0; i < g.length; i++) {
        double stepped = (before.get(name).getDouble(i) - after.getDouble(i)) / lr;
        if (name.equals("C.out.W")) {
          continue; // max-norm rescales it after the update: checked below
        }
        assertEquals(g[i], stepped, 0.02 * Math.max(0.2, Math.abs(g[i])),
            name + "[" + i + "]: the update is not -lr times the joint gradient");
        if (name.startsWith("A.")) {
          largestA = Math.max(largestA, Math.abs(g[i]));
        }
      }
    }
    assertTrue(largestA > 1e-3, "module A's parameters receive a gradient");
    INDArray norms = store.parameters().get("C.out.W").value().norm2(0);
    assertTrue(norms.maxNumber().doubleValue() <= MAX_NORM + 1e-5,
        "the post-step hook keeps C's columns within the max norm: " + norms);
  }

  @Test
  void theClassifiersCrossEntropyReachesModuleAThroughTheFusedEmbedding() {
    // A's update in the joint step differs from its update by its own objective alone (ELBO and
    // penalty): the cross-entropy's gradient flows into A
    JointStep example = new JointStep();
    ParamStore store = new ParamStore();
    Movies m = movies();
    Svi<Movies> joint = example.svi(store, new Sgd(0.1), new Sgd(0.02));
    lossAt(example, store, m, 0);
    INDArray aBefore = store.parameters().get("A.text.W.loc").value().dup();
    joint.step(m, 0);
    INDArray jointUpdate = aBefore.sub(store.parameters().get("A.text.W.loc").value());

    JointStep withoutC = new JointStep();
    ParamStore alone = new ParamStore();
    Svi<Movies> elboOnly = Svi.<Movies>builder(alone)
        .objective("A", (x, step) -> {
          ElboResult a = withoutC.elbo.loss(withoutC::model, withoutC::guide, x);
          Tensor penalty = withoutC.penalty(alone);
          return new Svi.Loss(a.surrogateLoss().add(penalty).div(N), 0);
        })
        .group(name -> true, new Sgd(0.1))
        .seed(0)
        .build();
    lossAt(withoutC, alone, m, 0); // the same initial values (same generator, same order)
    assertEquals(aBefore, alone.parameters().get("A.text.W.loc").value());
    elboOnly.step(m, 0);
    INDArray aloneUpdate = aBefore.sub(alone.parameters().get("A.text.W.loc").value());
    double difference = jointUpdate.sub(aloneUpdate).norm2Number().doubleValue();
    assertTrue(difference > 1e-4 * 0.1,
        "the cross-entropy's gradient reaches A through z: update differs by " + difference);
  }
}
