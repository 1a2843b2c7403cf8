package org.pmm.experiment.run;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.data.BatchIterator;
import org.pmm.data.MmImdbData;
import org.pmm.data.Source;
import org.pmm.data.Split;
import org.pmm.experiment.metrics.MultilabelF1;
import org.pmm.experiment.systems.NonFiniteLossException;
import org.pmm.experiment.systems.SystemFactory;
import org.pmm.experiment.systems.TrainableSystem;
import org.pmm.tensor.Tensor;
import org.pmm.experiment.systems.SystemConfig;

/**
 * Trains one system for one cycle: epochs of shuffled mini-batches, validation weighted-F1 after
 * each epoch, and test predictions of the selected epoch ({@code select=best}: the best
 * validation epoch; {@code last}: the last one). Test predictions are made whenever the
 * selection may change, so no copy of the weights is kept.
 *
 * <pre>{@code
 * CycleOutcome out = new CycleTrainer(config, data, split, progress).train(seed);
 * }</pre>
 */
public final class CycleTrainer {
  private static final int EVAL_BATCH = 2048;
  private final SystemConfig config;
  private final MmImdbData data;
  private final Split split;
  private final Progress progress;
  private final SystemFactory factory;
  private final boolean skipNonFinite;

  public CycleTrainer(SystemConfig config, SystemFactory factory, MmImdbData data, Split split,
      Progress progress) {
    this(config, factory, data, split, progress, false);
  }

  /**
   * @param skipNonFinite skip (and count) a batch whose loss or gradient is not finite instead
   *     of stopping; the parameters are untouched by a skipped batch
   */
  public CycleTrainer(SystemConfig config, SystemFactory factory, MmImdbData data, Split split,
      Progress progress, boolean skipNonFinite) {
    this.skipNonFinite = skipNonFinite;
    this.config = config;
    this.factory = factory;
    this.data = data;
    this.split = split;
    this.progress = progress;
  }

  /** What one cycle produced. */
  public record CycleOutcome(long seed, int selectedEpoch, float[][] testProbabilities,
      double[] valWeightedF1, double[] trainLoss, double[] epochSeconds, long skippedBatches) {}

  public CycleOutcome train(long seed) {
    TrainableSystem system = factory.create(config, split.train().length, seed);
    int epochs = config.epochs();
    double[] val = new double[epochs];
    double[] losses = new double[epochs];
    double[] seconds = new double[epochs];
    int[][] devLabels = labels(split.dev());
    int best = -1;
    float[][] testProbs = null;
    long step = 0;
    long skipped = 0;
    int batchesPerEpoch = (split.train().length + config.batchSize() - 1) / config.batchSize();
    for (int epoch = 0; epoch < epochs; epoch++) {
      long start = System.nanoTime();
      double lossSum = 0;
      int batches = 0;
      try (BatchIterator it = new BatchIterator(data, split.train(), config.batchSize(), seed,
          epoch)) {
        while (it.hasNext()) {
          BatchIterator.Batch b = it.next();
          try {
            lossSum += system.trainStep(b, step++);
            batches++;
          } catch (NonFiniteLossException e) {
            if (!skipNonFinite) {
              throw e;
            }
            // the optimisers did not run; drop the gradients the failed step left behind
            system.store().parameters().values().forEach(Tensor::zeroGrad);
            skipped++;
            progress.say("skipped a batch: " + e.getMessage());
            continue;
          }
          progress.step(epoch, epochs, batches, batchesPerEpoch, lossSum / batches);
        }
      }
      seconds[epoch] = (System.nanoTime() - start) / 1e9;
      losses[epoch] = lossSum / Math.max(1, batches);
      val[epoch] = MultilabelF1.score(predict(system, split.dev()), devLabels,
          config.threshold()).weighted();
      boolean select = config.select().equals("last")
          ? epoch == epochs - 1
          : best < 0 || val[epoch] > val[best];
      if (select) {
        best = epoch;
        testProbs = predict(system, split.test());
      }
      progress.epoch(epoch, epochs, losses[epoch], val[epoch], seconds[epoch]);
    }
    return new CycleOutcome(seed, best, testProbs, val, losses, seconds, skipped);
  }

  /** Probabilities for the given rows, in order, in evaluation mode. */
  static float[][] predict(TrainableSystem system, MmImdbData data, int[] rows) {
    List<float[]> out = new ArrayList<>(rows.length);
    try (BatchIterator it = BatchIterator.inOrder(data, rows, EVAL_BATCH)) {
      while (it.hasNext()) {
        BatchIterator.Batch b = it.next();
        for (float[] row : system.predict(b.text(), b.image())) {
          out.add(row);
        }
      }
    }
    return out.toArray(float[][]::new);
  }

  private float[][] predict(TrainableSystem system, int[] rows) {
    return predict(system, data, rows);
  }

  /** 0/1 labels of the given rows. */
  public int[][] labels(int[] rows) {
    return labelsOf(data, rows);
  }

  public static int[][] labelsOf(MmImdbData data, int[] rows) {
    INDArray m = data.matrix(Source.LABELS, rows);
    int[][] out = new int[rows.length][];
    float[][] f = m.toFloatMatrix();
    for (int i = 0; i < rows.length; i++) {
      out[i] = new int[f[i].length];
      for (int j = 0; j < f[i].length; j++) {
        out[i][j] = f[i][j] > 0.5f ? 1 : 0;
      }
    }
    return out;
  }
}
