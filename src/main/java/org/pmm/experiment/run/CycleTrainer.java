package org.pmm.experiment.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.pmm.base.UserError;
import org.pmm.data.BatchIterator;
import org.pmm.data.MmImdbData;
import org.pmm.data.Split;
import org.pmm.experiment.checkpoint.CycleCheckpoint;
import org.pmm.experiment.checkpoint.CycleCheckpoints;
import org.pmm.experiment.checkpoint.CycleProgress;
import org.pmm.experiment.checkpoint.SelectedWeights;
import org.pmm.experiment.metrics.MultilabelF1;
import org.pmm.distributions.InvalidDistributionException;
import org.pmm.handlers.SiteException;
import org.pmm.infer.NonFiniteLossException;
import org.pmm.lang.compile.Predictive;
import org.pmm.experiment.systems.SystemConfig;
import org.pmm.experiment.systems.SystemFactory;
import org.pmm.experiment.systems.TrainableSystem;
import org.pmm.tensor.Ops;
import org.pmm.tensor.Tensor;

/**
 * Trains one system for one cycle: epochs of shuffled mini-batches, validation weighted-F1 after
 * each epoch, and test predictions of the selected epoch ({@code select=best}: the best
 * validation epoch; {@code last}: the last one). A copy of the selected epoch's weights is kept
 * (and checkpointed) and the test set is predicted once, after the last epoch.
 *
 * <p>With {@link CycleCheckpoints}, the cycle is saved after every epoch (and every N steps) and
 * continues from its latest checkpoint: the batches of an epoch come in an order fixed by
 * (seed, epoch), so a resumed epoch skips the batches already trained and goes on with the same
 * ones, and the system's state makes every later step the same as without the interruption.
 *
 * <pre>{@code
 * CycleTrainer trainer = new CycleTrainer(config, factory, data, split, progress);
 * CycleOutcome out = trainer.train(seed);                                  // no checkpoints
 * CycleOutcome resumed = trainer.train(seed, directory.cycle("gmu", 0, seed));
 * }</pre>
 */
public final class CycleTrainer {
  /**
   * Rows per evaluation batch (validation, test, predictive draws, gate). Each batch's
   * activations and, for a variational system, each draw's weights live in the step arena:
   * 1024 rather than 2048 rows lowered the peak of two 1024-wide PM+MO cycles trained side by
   * side from 2.66 to 2.48 GB, at the same speed (docs/performance.md). Point predictions do
   * not depend on it; predictive draws do (each batch draws its own weights).
   */
  private static final int EVAL_BATCH = 1024;
  /**
   * Draws behind each cycle's test predictive (guide draws or MC dropout): a per-movie sd to
   * within about 35 % (1/√(2(S − 1))), and a mean sd over the test set's pairs far closer. Each
   * draw is a full pass over the test set, and another over the validation set, so the draws
   * are about two epochs of work per cycle at 10 draws: with 10, the default experiment on 2
   * cores spent about 75 s of its 6 min 43 s after the cycles, 30 s of it after the 1024-wide
   * row (docs/performance.md).
   */
  public static final int PREDICTIVE_SAMPLES = 5;
  private final SystemConfig config;
  private final MmImdbData data;
  private final Split split;
  private final Progress progress;
  private final SystemFactory factory;
  private final boolean skipNonFinite;
  private BooleanSupplier stopRequested = () -> false;

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

  /**
   * Asks {@code stop} after every step; once it says true, the cycle saves a checkpoint of that
   * step (with checkpoints) and throws {@link CycleWorkers.Stopped}: another cycle training at
   * the same time has failed, and the run is about to stop.
   */
  public CycleTrainer stoppingWhen(BooleanSupplier stop) {
    this.stopRequested = stop;
    return this;
  }

  /**
   * What one cycle produced; {@code valProbabilities} are the selected epoch's on the
   * validation set (null from a checkpoint written before they were kept).
   */
  public record CycleOutcome(long seed, int selectedEpoch, float[][] testProbabilities,
      double[] valWeightedF1, double[] trainLoss, double[] epochSeconds, long skippedBatches,
      float[][] valProbabilities, Predictive testPredictive, float[] testGate,
      float[][] valPredictiveMean) {}

  /** Trains one cycle from scratch without checkpoints. */
  public CycleOutcome train(long seed) {
    try {
      return train(seed, CycleCheckpoints.none());
    } catch (IOException e) {
      throw new UncheckedIOException("no checkpoints are written, yet writing failed", e);
    }
  }

  /**
   * Trains one cycle, continuing from the latest checkpoint if there is one (returning a
   * finished cycle's saved outcome at once), saving a checkpoint after every epoch and every
   * {@link CycleCheckpoints#everySteps()} steps.
   *
   * @throws IOException if a checkpoint cannot be read or written (disk full); the last
   *     complete checkpoint stays in place
   */
  public CycleOutcome train(long seed, CycleCheckpoints checkpoints) throws IOException {
    CycleCheckpoint from = checkpoints.latest();
    if (from != null && from.complete()) {
      progress.say(String.format("%s cycle %d finished before: results read from its checkpoint",
          from.system(), from.cycle() + 1));
      progress.finishedBefore(config.epochs());
      return outcome(seed, from.progress());
    }
    try {
      return trainFrom(from, seed, checkpoints);
    } catch (Throwable t) {
      // training stopped (non-finite value, failed write, bug): the last checkpoint saved
      // before it is still being written, and must reach the disk
      try {
        checkpoints.flush();
      } catch (IOException | RuntimeException f) {
        t.addSuppressed(f);
      }
      throw t;
    }
  }

  private CycleOutcome trainFrom(CycleCheckpoint from, long seed, CycleCheckpoints checkpoints)
      throws IOException {
    TrainableSystem system = factory.create(config, split.train().length, seed);
    CycleProgress p;
    if (from == null) {
      p = new CycleProgress(config.epochs());
    } else {
      p = from.progress();
      try {
        from.snapshot().restoreInto(system);
      } catch (IllegalArgumentException e) {
        throw new UserError("cannot resume from the checkpoint of " + from.system() + " cycle "
            + (from.cycle() + 1) + ": it does not fit the system: " + e.getMessage());
      }
      progress.say(String.format("resuming %s cycle %d at epoch %d/%d, batch %d (step %d)",
          from.system(), from.cycle() + 1, p.epoch() + 1, p.epochs(), p.batch(), p.step()));
      progress.finishedBefore(p.epoch());
    }
    int epochs = config.epochs();
    int[][] devLabels = data.labelRows(split.dev());
    int batchesPerEpoch = (split.train().length + config.batchSize() - 1) / config.batchSize();
    long every = checkpoints.everySteps();
    while (!p.complete()) {
      int epoch = p.epoch();
      long start = System.nanoTime() - Math.round(p.epochElapsed() * 1e9);
      try (BatchIterator it = new BatchIterator(data, split.train(), config.batchSize(), seed,
          epoch, p.batch())) {
        while (it.hasNext()) {
          BatchIterator.Batch b = it.next();
          try {
            p.stepTaken(trainStep(system, b, p.step()));
          } catch (NonFiniteLossException e) {
            if (!skipNonFinite) {
              throw e;
            }
            // the optimisers did not run; drop the gradients the failed step left behind
            system.store().parameters().values().forEach(Tensor::zeroGrad);
            p.stepSkipped();
            progress.say("skipped a batch: " + e.getMessage());
            continue;
          } finally {
            b.release();
          }
          progress.step(epoch, epochs, p.batches(), batchesPerEpoch, p.meanLoss());
          // the epoch's last step is saved by the epoch's end, below
          boolean stop = stopRequested.getAsBoolean() && it.hasNext();
          if (stop || every > 0 && p.step() % every == 0 && it.hasNext()) {
            p.setEpochElapsed((System.nanoTime() - start) / 1e9);
            requireFiniteParameters(system, p.step() - 1);
            checkpoints.save(p, system);
          }
          if (stop) {
            stopAfterSaving(checkpoints, p);
          }
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      requireFiniteParameters(system, p.step() - 1);
      float[][] devProbabilities = predict(system, split.dev());
      requireFinite(devProbabilities, p.step() - 1, epoch);
      double valF1 = MultilabelF1.score(devProbabilities, devLabels, config.threshold()).weighted();
      p.finishEpoch(seconds, valF1);
      boolean select = config.select().equals("last")
          ? epoch == epochs - 1
          : p.best() < 0 || valF1 > p.valWeightedF1(p.best());
      if (select) {
        p.select(SelectedWeights.of(system), devProbabilities);
      }
      progress.epoch(epoch, epochs, p.meanLoss(), system.lastLosses(), system.lastLossParts(),
          valF1, seconds);
      p.nextEpoch();
      checkpoints.save(p, system);
      if (!p.complete() && stopRequested.getAsBoolean()) {
        stopAfterSaving(checkpoints, p);
      }
    }
    finishWithSelected(system, p);
    checkpoints.complete(p, system);
    return outcome(seed, p);
  }

  /** Stops a cycle whose checkpoint has just been saved, once it has reached the disk. */
  private static void stopAfterSaving(CycleCheckpoints checkpoints, CycleProgress p)
      throws IOException {
    checkpoints.flush();
    throw new CycleWorkers.Stopped("a cycle at step " + p.step());
  }

  /**
   * One step; a sample site whose distribution refuses its parameters after optimiser steps have
   * run means the updates left the domain (a learning rate far too large), which stops training
   * like a NaN; at the first step it is the model's or the data's fault and stays an error.
   */
  private static double trainStep(TrainableSystem system, BatchIterator.Batch b, long step) {
    try {
      return system.trainStep(b, step);
    } catch (SiteException | InvalidDistributionException e) {
      if (step == 0) {
        throw e;
      }
      throw new NonFiniteLossException(step, e.getMessage()
          + " (the optimiser's updates left the distribution's domain)");
    }
  }

  /** Stops training if the validation set's predicted probabilities are not all finite. */
  private static void requireFinite(float[][] probabilities, long step, int epoch) {
    for (int i = 0; i < probabilities.length; i++) {
      for (int j = 0; j < probabilities[i].length; j++) {
        if (!Float.isFinite(probabilities[i][j])) {
          throw new NonFiniteLossException(step, "the predicted probability of validation row "
              + i + ", label " + j + " after epoch " + (epoch + 1), probabilities[i][j]);
        }
      }
    }
  }

  /**
   * Stops training if a parameter is not finite (a finite gradient can still overflow one), so
   * that no checkpoint saves it and the last good one stays; checked before each checkpoint and
   * before each epoch's evaluation.
   */
  private static void requireFiniteParameters(TrainableSystem system, long step) {
    for (Map.Entry<String, Tensor> e : system.store().parameters().entrySet()) {
      if (Ops.hasNonFinite(e.getValue().value())) {
        throw new NonFiniteLossException(step, "parameter '" + e.getKey()
            + "' after the optimiser step", Double.NaN);
      }
    }
  }

  /**
   * Test probabilities and predictive draws of the selected epoch, recorded as the cycle's
   * results: with the system's own weights when they are the selected ones, else with the
   * selected copy swapped in and the last epoch's swapped back (the final parameters saved with
   * the cycle stay the last epoch's).
   */
  private void finishWithSelected(TrainableSystem system, CycleProgress p) {
    if (p.selectedIsCurrent()) {
      finishWith(system, p);
      return;
    }
    SelectedWeights last = SelectedWeights.of(system);
    p.selectedWeights().putInto(system);
    try {
      finishWith(system, p);
    } finally {
      last.putInto(system);
      last.release();
    }
  }

  /**
   * Records the current weights' results: test probabilities, test predictive and gate, and the
   * predictive mean on the validation set (for choosing between it and the point prediction).
   * The probabilities and the gate come from one pass over the test set.
   */
  private void finishWith(TrainableSystem system, CycleProgress p) {
    Predictive test = predictive(system, data, split.test());
    Predictive val = test == null ? null : predictive(system, data, split.dev());
    List<TrainableSystem.Evaluation> parts = perBatch(data, split.test(),
        b -> system.predictWithGate(b.text(), b.image()));
    float[][] probabilities = parts.stream()
        .flatMap(e -> java.util.Arrays.stream(e.probabilities())).toArray(float[][]::new);
    p.finish(probabilities, test, gate(parts, split.test().length),
        val == null ? null : val.mean());
  }

  /** The mean gate activation per row, in order; null for a system without a gate. */
  private static float[] gate(List<TrainableSystem.Evaluation> parts, int rows) {
    if (parts.stream().anyMatch(e -> e.gate() == null)) {
      return null;
    }
    float[] out = new float[rows];
    int at = 0;
    for (TrainableSystem.Evaluation part : parts) {
      System.arraycopy(part.gate(), 0, out, at, part.gate().length);
      at += part.gate().length;
    }
    return out;
  }

  /**
   * {@link #PREDICTIVE_SAMPLES} draws of the probabilities for the given rows, in order,
   * summarised per element; null for a system whose prediction has no randomness.
   */
  public static Predictive predictive(TrainableSystem system, MmImdbData data, int[] rows) {
    List<Predictive> parts = perBatch(data, rows,
        b -> system.predictive(b.text(), b.image(), PREDICTIVE_SAMPLES));
    if (parts == null || parts.isEmpty()) {
      return null;
    }
    return new Predictive(parts.get(0).method(), PREDICTIVE_SAMPLES,
        parts.stream().flatMap(x -> java.util.Arrays.stream(x.mean())).toArray(float[][]::new),
        parts.stream().flatMap(x -> java.util.Arrays.stream(x.sd())).toArray(float[][]::new));
  }

  /**
   * {@code evaluate} on the given rows in evaluation batches, in order, each batch's buffers
   * released after it; null as soon as a batch gives null (the system has nothing to give).
   */
  private static <T> List<T> perBatch(MmImdbData data, int[] rows,
      java.util.function.Function<BatchIterator.Batch, T> evaluate) {
    List<T> out = new ArrayList<>();
    try (BatchIterator it = BatchIterator.inOrder(data, rows, EVAL_BATCH)) {
      while (it.hasNext()) {
        BatchIterator.Batch b = it.next();
        try {
          T part = evaluate.apply(b);
          if (part == null) {
            return null;
          }
          out.add(part);
        } finally {
          b.release();
        }
      }
    }
    return out;
  }

  private static CycleOutcome outcome(long seed, CycleProgress p) {
    return new CycleOutcome(seed, p.best(), p.testProbabilities(), p.valWeightedF1(),
        p.trainLoss(), p.epochSeconds(), p.skipped(), p.selectedValProbabilities(),
        p.testPredictive(), p.testGate(), p.valPredictiveMean());
  }

  /** Probabilities for the given rows, in order, in evaluation mode. */
  public static float[][] predict(TrainableSystem system, MmImdbData data, int[] rows) {
    return perBatch(data, rows, b -> system.predict(b.text(), b.image())).stream()
        .flatMap(java.util.Arrays::stream).toArray(float[][]::new);
  }

  private float[][] predict(TrainableSystem system, int[] rows) {
    return predict(system, data, rows);
  }
}
