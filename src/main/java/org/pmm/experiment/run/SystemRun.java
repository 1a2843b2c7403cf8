package org.pmm.experiment.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.pmm.data.MmImdbData;
import org.pmm.data.Split;
import org.pmm.experiment.checkpoint.CheckpointDirectory;
import org.pmm.experiment.checkpoint.CycleCheckpoint;
import org.pmm.experiment.checkpoint.CycleCheckpoints;
import org.pmm.experiment.report.CycleResult;
import org.pmm.experiment.report.PredictionsCsv;
import org.pmm.experiment.report.PredictiveCsv;
import org.pmm.experiment.report.SystemResult;
import org.pmm.experiment.systems.SystemConfig;
import org.pmm.experiment.systems.SystemFactory;
import org.pmm.tensor.Memory;
import org.pmm.tensor.StepArena;

/**
 * Trains one system for K cycles (cycle k uses seed S + k), writes each cycle's test
 * predictions, and summarises the cycles. With a {@link CheckpointDirectory}, finished cycles
 * are taken from their checkpoints and an interrupted one continues from its latest.
 *
 * <pre>{@code
 * SystemResult r = new SystemRun(row, data, split, out, progress).run(2, 0);
 * }</pre>
 */
public final class SystemRun {
  private final Row row;
  private final MmImdbData data;
  private final Split split;
  private final Path out;
  private final Progress progress;

  /**
   * A system to train: display name, slug, model file, resolved configuration, how to build
   * a fresh instance per cycle, a digest of the model's sources (for checkpoints), and what its
   * training is: rows with equal {@code training} compute the same thing (same sources, same
   * values in force, estimators that coincide), so a grid trains only the first of them
   * ({@link SharedTrainings}). Null: a training of its own.
   */
  public record Row(String name, String slug, String model, SystemConfig config,
      SystemFactory factory, String modelDigest, String training) {
    /** A row that shares its training with no other. */
    public Row(String name, String slug, String model, SystemConfig config,
        SystemFactory factory, String modelDigest) {
      this(name, slug, model, config, factory, modelDigest, null);
    }

    /** A row whose model has no source file to digest (systems built in Java). */
    public Row(String name, String slug, String model, SystemConfig config,
        SystemFactory factory) {
      this(name, slug, model, config, factory, "");
    }
  }

  private boolean skipNonFinite;
  private CheckpointDirectory checkpoints;
  private IntPredicate chosen = k -> true;
  private boolean finishedOnly;
  private final List<GridShare.Cell> missing = new ArrayList<>();
  private Map<Integer, CycleTrainer.CycleOutcome> reused;
  private String reuseNote;
  private final Map<Integer, CycleTrainer.CycleOutcome> outcomes = new TreeMap<>();
  private CycleWorkers workers;
  private final Map<Integer, CycleWorkers.Task<CycleTrainer.CycleOutcome>> queued =
      new HashMap<>();

  /**
   * Hands the chosen cycles to {@code workers} at once, to train while the rows before this one
   * are still training or being written; {@link #run} with the same cycles and seed then takes
   * their outcomes in order. Without it, {@link #run} trains each cycle itself, in turn.
   */
  public SystemRun queue(CycleWorkers workers, int cycles, long seed) {
    this.workers = workers;
    for (int k = 0; k < cycles; k++) {
      if (chosen.test(k)) {
        int cycle = k;
        queued.put(k, workers.submit(() -> train(cycle, seed + cycle, cycles)));
      }
    }
    return this;
  }

  /** Runs only the cycles (indices from 0) that {@code chosen} accepts (all by default). */
  public SystemRun onlyCycles(IntPredicate chosen) {
    this.chosen = chosen;
    return this;
  }

  /**
   * Trains nothing: takes the cycles finished in the checkpoint directory and records the others
   * as {@link #missing} (merging the shards of a run).
   */
  public SystemRun finishedOnly() {
    this.finishedOnly = true;
    return this;
  }

  /** The cycles that {@link #finishedOnly} found unfinished, after {@link #run}. */
  public List<GridShare.Cell> missing() {
    return List.copyOf(missing);
  }

  /**
   * Trains nothing: takes each cycle's outcome from a row with the same training
   * ({@link SharedTrainings}), with {@code note} in the results; a cycle that row lacks is
   * recorded as {@link #missing}.
   */
  public SystemRun reusing(Map<Integer, CycleTrainer.CycleOutcome> outcomes, String note) {
    this.reused = Map.copyOf(outcomes);
    this.reuseNote = note;
    return this;
  }

  /** The outcome of every cycle this run has results for, by cycle index, after {@link #run}. */
  public Map<Integer, CycleTrainer.CycleOutcome> outcomes() {
    return Map.copyOf(outcomes);
  }

  /** Saves and resumes cycles in this directory (none by default). */
  public SystemRun checkpointingTo(CheckpointDirectory directory) {
    this.checkpoints = directory;
    return this;
  }

  /** Skip (and count) batches with a non-finite loss or gradient instead of stopping. */
  public SystemRun skippingNonFinite(boolean skip) {
    this.skipNonFinite = skip;
    return this;
  }

  public SystemRun(Row row, MmImdbData data, Split split, Path out, Progress progress) {
    this.row = row;
    this.data = data;
    this.split = split;
    this.out = out;
    this.progress = progress;
  }

  /**
   * Runs the chosen cycles and summarises those it has results for; null when it has none
   * (every cycle left to other shares or, with {@link #finishedOnly}, unfinished).
   */
  public SystemResult run(int cycles, long seed) throws IOException {
    if (finishedOnly && checkpoints == null) {
      throw new IllegalStateException("finishedOnly needs a checkpoint directory to read from");
    }
    SystemConfig config = row.config();
    int[][] testLabels = data.labelRows(split.test());
    int[][] devLabels = data.labelRows(split.dev());
    List<String> ids = Arrays.stream(split.test()).mapToObj(i -> data.imdbIds()[i]).toList();
    List<CycleResult> results = new ArrayList<>();
    if (reused != null) {
      progress.say(row.slug() + ": " + reuseNote);
    }
    for (int k = 0; k < cycles; k++) {
      long cycleSeed = seed + k;
      if (!chosen.test(k)) {
        continue;
      }
      CycleTrainer.CycleOutcome o = reused != null ? reused.get(k)
          : queued.containsKey(k) ? queued.get(k).await() : train(k, cycleSeed, cycles);
      if (o == null) {
        missing.add(new GridShare.Cell(row.slug(), k));
        continue;
      }
      outcomes.put(k, o);
      PredictionsCsv.write(out.resolve(PredictionsCsv.fileName(row.slug(), k)),
          data.genreNames(), ids, o.testProbabilities(), testLabels);
      CycleResult r = CycleResult.evaluate(cycleSeed, o.selectedEpoch() + 1, data.genreNames(),
          toDouble(o.testProbabilities()), testLabels, config.threshold(), o.valWeightedF1(),
          o.trainLoss(), o.epochSeconds());
      if (o.testPredictive() != null) {
        PredictiveCsv.write(out.resolve(PredictiveCsv.fileName(row.slug(), k)),
            data.genreNames(), ids, o.testPredictive());
        r = r.withPredictive(o.testPredictive(), testLabels, config.threshold(),
            o.valPredictiveMean(), devLabels);
      }
      if (o.testGate() != null) {
        r = r.withGate(data.genreNames(), o.testGate(), testLabels);
      }
      if (o.valProbabilities() != null) {
        r = r.withValidationFits(data.genreNames(), toDouble(o.testProbabilities()), testLabels,
            o.valProbabilities(), devLabels, config.threshold());
      }
      results.add(skipNonFinite ? r.withSkippedBatches(o.skippedBatches()) : r);
    }
    if (results.isEmpty()) {
      return null;
    }
    String partial = missing.isEmpty() ? null : "partial: " + results.size() + " of " + cycles
        + " cycles finished (missing: " + String.join(", ", missing.stream()
            .map(c -> "cycle " + (c.cycle() + 1)).toList()) + ")";
    String notes = reuseNote == null ? partial
        : partial == null ? reuseNote : reuseNote + "; " + partial;
    return SystemResult.summarise(row.name(), row.slug(), row.model(), config.resolved(),
        results, notes);
  }

  /**
   * Trains cycle {@code k}, continuing from its checkpoints; with {@link #finishedOnly}, takes
   * it from them, null when it has not finished there.
   */
  private CycleTrainer.CycleOutcome train(int k, long cycleSeed, int cycles) throws IOException {
    CycleCheckpoints cycle = checkpoints == null ? CycleCheckpoints.none()
        : checkpoints.cycle(row.slug(), k, cycleSeed);
    if (finishedOnly) {
      // read once: the trainer takes the finished cycle's results from the same copy
      CycleCheckpoint done = cycle.latest();
      if (done == null || !done.complete()) {
        return null;
      }
      cycle = CycleCheckpoints.finished(done);
    }
    Progress unit = progress.unit(row.slug() + " cycle " + (k + 1) + "/" + cycles,
        EpochCost.of(row.config()));
    CycleTrainer trainer = new CycleTrainer(row.config(), row.factory(), data, split, unit,
        skipNonFinite);
    if (workers != null) {
      trainer.stoppingWhen(workers::stopping);
    }
    try {
      return trainer.train(cycleSeed, cycle);
    } finally {
      // the cycle's system is unreachable now: its native buffers go with it, and the step
      // arena sized for its steps and evaluations
      StepArena.releaseOnThisThread();
      Memory.releaseUnreachable();
    }
  }

  private static double[][] toDouble(float[][] f) {
    double[][] d = new double[f.length][];
    for (int i = 0; i < f.length; i++) {
      d[i] = new double[f[i].length];
      for (int j = 0; j < f[i].length; j++) {
        d[i][j] = f[i][j];
      }
    }
    return d;
  }
}
