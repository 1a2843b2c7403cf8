package org.pmm.experiment.systems;

import org.pmm.data.BatchIterator.Batch;
import org.pmm.infer.Svi;
import java.util.ArrayList;
import java.util.List;
import org.pmm.Pmm;
import org.pmm.distributions.Bernoulli;
import org.pmm.distributions.Independent;
import org.pmm.handlers.PlateMessenger;
import org.pmm.handlers.SeedMessenger;
import org.pmm.handlers.Trace;
import org.pmm.infer.AnnealedElbo;
import org.pmm.infer.Elbo;
import org.pmm.infer.ElboResult;
import org.pmm.infer.Elbos;
import org.pmm.nn.Affine;
import org.pmm.nn.BayesianLinear;
import org.pmm.nn.GatedFusion;
import org.pmm.optim.AdamW;
import org.pmm.optim.ClippedAdam;
import org.pmm.tensor.Ops;
import org.pmm.tensor.Tensor;

/**
 * PM+MO (docs/pmmo.md): module A is a Bayesian gated fusion unit with Laplace priors and guides and
 * an auxiliary Bernoulli head in a data plate; module C is the maxout classifier on z. One step
 * computes {@code (−ELBO_A + penalty)/N_train + BCE_C} in one forward and one backward pass;
 * ClippedAdam steps A's guide parameters and AdamW steps C's.
 */
final class PmmoSystem extends MultimodalSystem {
  private static final int GENRES = 23;
  private final BayesianLinear text;
  private final BayesianLinear image;
  private final BayesianLinear gate;
  private final BayesianLinear head;
  private final Elbo elbo;
  private final ClippedAdam optimiserA;
  private final AdamW optimiserC;
  private final String[] locations;

  PmmoSystem(SystemConfig c, long trainRows, long seed) {
    super(c, trainRows, seed, GENRES);
    text = layer("A.text", 300, c.hidden());
    image = layer("A.image", 4096, c.hidden());
    gate = layer("A.gate", 2L * c.hidden(), c.hidden());
    head = layer("A.head", c.hidden(), GENRES);
    long stepsPerEpoch = (trainRows + c.batchSize() - 1) / c.batchSize();
    elbo = Elbos.create(c.elbo(), c.klLambda(), c.klAnnealEpochs() * stepsPerEpoch);
    optimiserA = new ClippedAdam(c.lr(), c.clip(), 1.0);
    optimiserC = new AdamW(c.lr(), c.weightDecay());
    List<String> locs = new ArrayList<>();
    for (BayesianLinear l : new BayesianLinear[] {text, image, gate, head}) {
      locs.addAll(List.of(l.locationNames()));
    }
    locations = locs.toArray(String[]::new);
    state.optimizer("A", optimiserA).optimizer("C", optimiserC).statistics("elbo", elbo.statistics());
  }

  private BayesianLinear layer(String name, long in, long out) {
    return new BayesianLinear(name, in, out, config.priorLoc(), config.priorScale(),
        config.guideScaleInit(), rng);
  }

  /** The model: weights from the prior, z by gated fusion, labels from the auxiliary head. */
  private Tensor model(Inputs in) {
    Tensor z = GatedFusion.fuse(in.text(), in.image(), text.model(), image.model(), gate.model());
    Tensor logits = head.model().apply(z);
    try (PlateMessenger rows = Pmm.plate("rows", trainRows, in.rows(), -1)) {
      Pmm.sample("y", Independent.of(Bernoulli.logits(logits), 1), Tensor.constant(in.labels()));
    }
    return z;
  }

  private Object guide(Inputs in) {
    text.guide();
    image.guide();
    gate.guide();
    head.guide();
    return null;
  }

  @Override
  protected Svi.Loss loss(Inputs in, long step) {
    if (elbo instanceof AnnealedElbo annealed) {
      annealed.setStep(step);
    }
    ElboResult r = elbo.loss(this::model, this::guide, in);
    Tensor z = (Tensor) r.modelValue();
    Tensor objectiveA = r.surrogateLoss();
    double valueA = r.loss();
    Tensor penalty = penalty(locations);
    if (penalty != null) {
      objectiveA = objectiveA.add(penalty);
      valueA += penalty.item();
    }
    Tensor logitsC = classifier.logits(config.detachFusion() ? z.detach() : z, true);
    Tensor bce = Ops.bceWithLogits(logitsC, in.labels()).mean();
    Tensor total = objectiveA.div(trainRows).add(bce);
    return new Svi.Loss(total, valueA / trainRows + bce.item());
  }

  @Override
  protected void parameterGroups(Svi.Builder<Batch> svi) {
    svi.group(n -> n.startsWith("A."), optimiserA).group(n -> n.startsWith("C."), optimiserC);
  }

  @Override
  protected Tensor fusedMean(Inputs in) {
    return GatedFusion.fuse(in.text(), in.image(), text.mean(), image.mean(), gate.mean());
  }

  /** With predict_samples = S > 0: the mean of the probabilities over S guide draws. */
  @Override
  protected Tensor predictProbabilities(Inputs in) {
    int samples = config.predictSamples();
    if (samples <= 0) {
      return super.predictProbabilities(in);
    }
    Tensor sum = null;
    try (SeedMessenger draws = Pmm.seed(predictionSeeds.nextLong()).enter()) {
      for (int s = 0; s < samples; s++) {
        Trace t = Pmm.trace(this::guide, in);
        Tensor z = GatedFusion.fuse(in.text(), in.image(), drawn(t, "A.text"),
            drawn(t, "A.image"), drawn(t, "A.gate"));
        Tensor p = classifier.logits(z, false).sigmoid();
        sum = sum == null ? p : sum.add(p);
      }
    }
    return sum.div(samples);
  }

  private static Affine drawn(Trace t, String layer) {
    return new Affine(t.site(layer + ".W").value().detach(), t.site(layer + ".b").value().detach());
  }
}
