package org.pmm.experiment.systems;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.data.BatchIterator.Batch;
import org.pmm.handlers.StepSeed;
import org.pmm.infer.NonFiniteLossException;
import org.pmm.infer.Svi;
import org.pmm.infer.TrainingState;
import org.pmm.nn.BatchNorm;
import org.pmm.params.ParamStore;
import org.pmm.tensor.HostArrays;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;

/**
 * The paper's systems written by hand in Java, the independent reference {@link JavaParityTest}
 * checks the compiled {@code models/*.pmm} against (pmm itself runs only the compiled programs).
 * A fusion module A produces z from text and image, and the classifier C works on z. Subclasses
 * define A and the step's loss; the step is {@link Svi}'s (the loss as one objective, an
 * optimiser per module, max-norm after each step), which also shows how a joint step is written
 * with the public API.
 *
 * <p>Randomness, as in compiled {@code .pmm} systems: initialisation and dropout draw from the
 * stream {@code main} seeded with the seed; the sample sites of step t draw from a stream seeded
 * with {@link StepSeed#of StepSeed.of(seed, t)}; sampled predictions from a stream
 * {@code prediction}. All three are part of {@link #state()}.
 *
 * <pre>{@code
 * MultimodalSystem s = MultimodalSystem.create(config, trainRows, seed);
 * double loss = s.trainStep(batch, step);
 * float[][] p = s.predict(text, image);
 * }</pre>
 */
public abstract class MultimodalSystem implements TrainableSystem {
  protected final SystemConfig config;
  protected final ParamStore store = new ParamStore();
  protected final RandomStream rng;
  /** Seeds of sampled predictions, one per prediction call. */
  protected final RandomStream predictionSeeds;
  protected final long trainRows;
  protected final TrainingState state = new TrainingState();
  private final long seed;
  protected final Classifier classifier;
  private Svi<Batch> svi;
  private final BatchNorm textNorm;
  private final BatchNorm imageNorm;

  protected MultimodalSystem(SystemConfig config, long trainRows, long seed, long outputs) {
    this.config = config;
    this.trainRows = trainRows;
    this.seed = seed;
    this.rng = new RandomStream(seed);
    this.predictionSeeds = new RandomStream(StepSeed.of(seed, -1));
    this.classifier = new Classifier(config.hidden(), outputs, config, rng);
    this.textNorm = new BatchNorm("input.text", 300, false);
    this.imageNorm = new BatchNorm("input.image", 4096, false);
    state.stream("main", rng).stream("prediction", predictionSeeds);
    for (BatchNorm bn : new BatchNorm[] {textNorm, imageNorm}) {
      state.batchNorm(bn.name(), bn.stats());
    }
    for (BatchNorm bn : classifier.batchNorms()) {
      state.batchNorm(bn.name(), bn.stats());
    }
  }

  /** The system for a config's kind: "pmmo", "gmu" or "mmo". */
  public static MultimodalSystem create(SystemConfig config, long trainRows, long seed) {
    return switch (config.kind()) {
      case "pmmo" -> new PmmoSystem(config, trainRows, seed);
      case "gmu" -> new GmuSystem(config, trainRows, seed);
      case "mmo" -> new MmoSystem(config, trainRows, seed);
      default -> throw new IllegalArgumentException("unknown system kind '" + config.kind()
          + "' (known: pmmo, gmu, mmo)");
    };
  }

  /** Builds the loss of one training step. */
  protected abstract Svi.Loss loss(Inputs in, long step);

  /** z from the inputs with A's point estimate (evaluation mode). */
  protected abstract Tensor fusedMean(Inputs in);

  /** Adds each optimiser with its parameter group. */
  protected abstract void parameterGroups(Svi.Builder<Batch> svi);

  /** Inputs of one batch as tensors, normalised. */
  protected record Inputs(Tensor text, Tensor image, INDArray labels, long[] rows) {}

  /** One training step of {@link Svi}; returns its loss. Throws {@link NonFiniteLossException} on NaN/Inf. */
  @Override
  public double trainStep(Batch batch, long step) {
    if (svi == null) {
      // built on first use: the subclass's layers and optimisers exist only after its constructor
      Svi.Builder<Batch> b = Svi.<Batch>builder(store)
          .objective("loss", (in, context) -> loss(
              inputs(in.text(), in.image(), in.labels(), in.rows(), true), context.step()))
          .seed(seed)
          .afterStep(classifier::applyMaxNorm);
      parameterGroups(b);
      svi = b.build();
    }
    return svi.step(batch, step);
  }

  /** Probabilities (rows × genres) in evaluation mode. */
  @Override
  public float[][] predict(INDArray text, INDArray image) {
    try (ParamStore.Activation active = store.activate();
        StepScope scope = StepScope.open()) {
      Inputs in = inputs(text, image, null, null, false);
      Tensor probs = predictProbabilities(in);
      return HostArrays.rows(probs.value());
    }
  }

  /** Posterior-mean prediction; PM+MO overrides it for averaging over guide samples. */
  protected Tensor predictProbabilities(Inputs in) {
    return classifier.logits(fusedMean(in), false).sigmoid();
  }

  private Inputs inputs(INDArray text, INDArray image, INDArray labels, int[] rows,
      boolean training) {
    Tensor t = Tensor.constant(text);
    Tensor i = Tensor.constant(image);
    if (config.batchnorm()) {
      t = textNorm.apply(t, training);
      i = imageNorm.apply(i, training);
    }
    long[] r = rows == null ? null : java.util.Arrays.stream(rows).asLongStream().toArray();
    INDArray y = labels == null ? null
        : labels.dataType() == DataType.FLOAT ? labels : labels.castTo(DataType.FLOAT);
    return new Inputs(t, i, y, r);
  }

  /** Σ loc² and Σ |loc| over the named parameters, weighted by l2 and l1. */
  protected Tensor penalty(String[] names) {
    Tensor total = null;
    for (String n : names) {
      Tensor loc = store.entry(n).unconstrained();
      Tensor p = null;
      if (config.l2() > 0) {
        p = loc.sumOfSquares().mul(config.l2());
      }
      if (config.l1() > 0) {
        Tensor l1 = loc.sumOfAbs().mul(config.l1());
        p = p == null ? l1 : p.add(l1);
      }
      if (p != null) {
        total = total == null ? p : total.add(p);
      }
    }
    return total;
  }

  @Override
  public ParamStore store() {
    return store;
  }

  @Override
  public TrainingState state() {
    return state;
  }

  public SystemConfig config() {
    return config;
  }
}
