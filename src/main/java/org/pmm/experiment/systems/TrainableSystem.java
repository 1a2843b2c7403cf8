package org.pmm.experiment.systems;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.data.BatchIterator.Batch;
import org.pmm.infer.TrainingState;
import org.pmm.params.ParamStore;

/**
 * What the experiment loop needs of a system, however it was built (in Java, like
 * {@link MultimodalSystem}, or compiled from a {@code .pmm} file): a training step on a
 * mini-batch and prediction in evaluation mode.
 *
 * <pre>{@code
 * TrainableSystem s = factory.create(config, trainRows, seed);
 * double loss = s.trainStep(batch, step);          // one forward, backward, optimiser step
 * float[][] p = s.predict(text, image);            // probabilities, rows × 23
 * }</pre>
 *
 * <p>Randomness must be reproducible from the seed, the step and the saved {@link #state()}
 * alone: a system rebuilt with the same seed, given the saved parameters and state, must make
 * the same draws at step t as the system that trained through to t.
 */
public interface TrainableSystem {
  /** One training step at global step {@code step} (0-based); returns the step's loss. */
  double trainStep(Batch batch, long step);

  /** The parts of the last step's loss, by objective name; empty where there is one part. */
  default java.util.Map<String, Double> lastLosses() {
    return java.util.Map.of();
  }

  /**
   * The parts of the last step's losses by objective name, for objectives whose loss is split
   * (an ELBO into nll, kl or kl_beta and penalty; see {@link org.pmm.infer.ElboResult#parts()}); empty where
   * none is.
   */
  default java.util.Map<String, java.util.Map<String, Double>> lastLossParts() {
    return java.util.Map.of();
  }

  /** Probabilities (rows × genres) in evaluation mode. */
  float[][] predict(INDArray text, INDArray image);

  /**
   * {@code samples} random draws of the probabilities summarised per element (guide draws for a
   * variational system, MC dropout for a deterministic one with dropout), or null when the
   * system's prediction has no randomness.
   */
  default org.pmm.lang.compile.Predictive predictive(INDArray text, INDArray image, int samples) {
    return null;
  }

  /**
   * The mean activation of the fusion gate per row (the image representation's share, averaged
   * over units), or null when the system has no gate to report.
   */
  default float[] gate(INDArray text, INDArray image) {
    return null;
  }

  /** {@link #predict} and {@link #gate} of the same rows. */
  record Evaluation(float[][] probabilities, float[] gate) {}

  /**
   * {@link #predict} and {@link #gate} of the same rows, with the values each gives; a system
   * whose prediction and gate share their work computes them in one pass.
   */
  default Evaluation predictWithGate(INDArray text, INDArray image) {
    return new Evaluation(predict(text, image), gate(text, image));
  }

  /** The system's parameters. */
  ParamStore store();

  /**
   * What a checkpoint saves besides the parameters (optimisers, batch-norm statistics, random
   * streams, estimator statistics), as live objects.
   */
  TrainingState state();
}
