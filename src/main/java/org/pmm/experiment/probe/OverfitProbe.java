package org.pmm.experiment.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.pmm.data.BatchIterator;
import org.pmm.data.MmImdbData;
import org.pmm.data.Split;
import org.pmm.experiment.metrics.MultilabelF1;
import org.pmm.experiment.run.CycleTrainer;
import org.pmm.experiment.systems.CompiledSystems;
import org.pmm.experiment.systems.PaperModels;
import org.pmm.experiment.systems.SystemConfig;
import org.pmm.experiment.systems.TrainableSystem;

/**
 * Does a wide deterministic network overfit this data? Trains the GMU system (gated fusion A and
 * the maxout classifier C of docs/pmmo.md) with every regulariser off — no batchnorm, no max-norm,
 * no dropout — and wide layers, on the training rows of a split, and after every epoch scores it in
 * evaluation mode on those same training rows and on the validation rows (weighted F1 at 0.5,
 * {@link MultilabelF1}). Overfitting shows as a training F1 that keeps rising while the validation
 * F1 stalls or falls.
 *
 * <pre>{@code
 * data.standardizeInPlace(split.train());      // no input batchnorm here: standardise first
 * OverfitProbe.Result r = new OverfitProbe(OverfitProbe.Settings.defaults())
 *     .run(data, split, e -> System.out.println(e), line -> System.err.print(line));
 * double gap = r.last().trainWeightedF1() - r.last().valWeightedF1();
 * }</pre>
 */
public final class OverfitProbe {
  /** Default width of A and C: the paper's "1024" row, wide for 15,552 training rows. */
  public static final int DEFAULT_WIDTH = 1024;
  /** Default epochs: enough to see the validation F1 stall and fall (docs/data.md). */
  public static final int DEFAULT_EPOCHS = 8;
  private static final double THRESHOLD = 0.5;

  /**
   * The network and its training: {@code width} is both A's hidden width and C's maxout width.
   */
  public record Settings(int width, int epochs, int batchSize, double lr, long seed) {
    /** Width 1024, 8 epochs, batches of 512, Adam at the GMU's 0.001, seed 0. */
    public static Settings defaults() {
      return new Settings(DEFAULT_WIDTH, DEFAULT_EPOCHS, 512, 0.001, 0);
    }

    public Settings {
      if (width <= 0 || epochs <= 0 || batchSize <= 0 || !(lr > 0)) {
        throw new IllegalArgumentException("width, epochs, batch size and lr must be positive");
      }
    }

    /** The GMU configuration these settings stand for: the GMU baseline with regularisers off. */
    public SystemConfig config() {
      return CompiledSystems.config(PaperModels.check("gmu", overrides()), "gmu");
    }

    /** {@code models/gmu.pmm}'s hyperparameters these settings set. */
    public Map<String, String> overrides() {
      return Map.of(
          "hidden", Integer.toString(width),
          "classifier_width", Integer.toString(width),
          "maxout_pieces", "2",
          "batchnorm", "false",
          "max_norm", "0",
          "dropout", "0",
          "lr", Double.toString(lr),
          "batch_size", Integer.toString(batchSize),
          "epochs", Integer.toString(epochs));
    }
  }

  /** One epoch: mean training loss, weighted F1 on the training and validation rows, time. */
  public record Epoch(int epoch, double trainLoss, double trainWeightedF1, double valWeightedF1,
      double seconds) {
    /** Training minus validation weighted F1. */
    public double gap() {
      return trainWeightedF1 - valWeightedF1;
    }
  }

  /** Every epoch's scores, and the trained network (to check them against). */
  public record Result(List<Epoch> epochs, TrainableSystem system) {
    public Epoch last() {
      return epochs.get(epochs.size() - 1);
    }

    /** The epoch of highest validation weighted F1 (the first one on ties). */
    public Epoch bestValidation() {
      Epoch best = epochs.get(0);
      for (Epoch e : epochs) {
        if (e.valWeightedF1() > best.valWeightedF1()) {
          best = e;
        }
      }
      return best;
    }
  }

  private final Settings settings;

  public OverfitProbe(Settings settings) {
    this.settings = settings;
  }

  /**
   * Trains on {@code split.train()} and scores every epoch.
   *
   * @param data features already standardised with the training rows' statistics (the network
   *     has no input batchnorm)
   * @param perEpoch receives each epoch's scores as soon as they are known
   * @param progress receives a progress text per step (without line end, meant for a line
   *     rewritten in place with a leading carriage return)
   */
  public Result run(MmImdbData data, Split split, Consumer<Epoch> perEpoch,
      Consumer<String> progress) {
    int[] train = split.train();
    int[] dev = split.dev();
    TrainableSystem system = PaperModels.system("gmu", settings.overrides(), train.length,
        settings.seed());
    int[][] trainLabels = data.labelRows(train);
    int[][] devLabels = data.labelRows(dev);
    int batches = (train.length + settings.batchSize() - 1) / settings.batchSize();
    List<Epoch> epochs = new ArrayList<>();
    long step = 0;
    for (int epoch = 0; epoch < settings.epochs(); epoch++) {
      long start = System.nanoTime();
      double lossSum = 0;
      int done = 0;
      try (BatchIterator it = new BatchIterator(data, train, settings.batchSize(),
          settings.seed(), epoch)) {
        while (it.hasNext()) {
          BatchIterator.Batch b = it.next();
          try {
            lossSum += system.trainStep(b, step++);
          } finally {
            b.release();
          }
          done++;
          progress.accept(String.format("epoch %d/%d step %d/%d loss %.4f", epoch + 1,
              settings.epochs(), done, batches, lossSum / done));
        }
      }
      progress.accept(String.format("epoch %d/%d scoring %d training and %d validation rows",
          epoch + 1, settings.epochs(), train.length, dev.length));
      double trainF1 = weightedF1(system, data, train, trainLabels);
      double valF1 = weightedF1(system, data, dev, devLabels);
      Epoch e = new Epoch(epoch + 1, lossSum / Math.max(1, done), trainF1, valF1,
          (System.nanoTime() - start) / 1e9);
      epochs.add(e);
      perEpoch.accept(e);
    }
    return new Result(List.copyOf(epochs), system);
  }

  /** Weighted F1 at 0.5 of the system's evaluation-mode predictions for the given rows. */
  static double weightedF1(TrainableSystem system, MmImdbData data, int[] rows, int[][] truth) {
    return MultilabelF1.score(predict(system, data, rows), truth, THRESHOLD).weighted();
  }

  /** Evaluation-mode probabilities for the given rows, in their order. */
  static float[][] predict(TrainableSystem system, MmImdbData data, int[] rows) {
    return CycleTrainer.predict(system, data, rows);
  }

}
