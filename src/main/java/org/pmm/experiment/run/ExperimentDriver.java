package org.pmm.experiment.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pmm.data.MmImdbData;
import org.pmm.data.Split;
import org.pmm.experiment.checkpoint.CheckpointDirectory;
import org.pmm.experiment.report.DataInfo;
import org.pmm.experiment.report.ExperimentResults;
import org.pmm.experiment.report.ReportInputs;
import org.pmm.experiment.report.ReportWriter;
import org.pmm.experiment.report.SystemResult;

/**
 * Runs a list of systems on one data file and writes {@code results.json}, the predictions,
 * {@code report.md} and the figures. Results and report are rewritten (atomically) after every
 * system; with checkpoints, an interrupted run resumes where it stopped, and systems and
 * cycles already finished are read back instead of trained again.
 *
 * <pre>{@code
 * ExperimentResults r = new ExperimentDriver(data, split, dataPath, out, progress)
 *     .run(rows, cycles, seed, inputs);
 * }</pre>
 *
 * <p>A grid too large for one process runs as shares ({@link #runShare}: the cycles of one
 * {@link GridShare}, checkpointed, no report), and {@link #merge} builds results and report from
 * the finished cycles once the shares are done.
 */
public final class ExperimentDriver {
  private final MmImdbData data;
  private final Split split;
  private final String dataPath;
  private final Path out;
  private final Progress progress;

  public ExperimentDriver(MmImdbData data, Split split, String dataPath, Path out,
      Progress progress) {
    this.data = data;
    this.split = split;
    this.dataPath = dataPath;
    this.out = out;
    this.progress = progress;
  }

  /** Checks that {@code dir} can be created and written, before any training starts. */
  public static void checkWritable(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
    Files.delete(probe);
  }

  private boolean skipNonFinite;
  private CheckpointDirectory checkpoints;
  private int workers = 1;

  /**
   * Trains up to {@code count} cycles at the same time ({@link CycleWorkers}; 1 by default):
   * results, predictions and report are the same, written in the same order.
   */
  public ExperimentDriver trainingAtOnce(int count) {
    this.workers = count;
    return this;
  }

  /** Saves and resumes every cycle in this directory (none by default). */
  public ExperimentDriver checkpointingTo(CheckpointDirectory directory) {
    this.checkpoints = directory;
    return this;
  }

  /** Skip (and count) batches with a non-finite loss or gradient instead of stopping. */
  public ExperimentDriver skippingNonFinite(boolean skip) {
    this.skipNonFinite = skip;
    return this;
  }

  /** Trains every cycle of every row, rewriting results and report after each row. */
  public ExperimentResults run(List<SystemRun.Row> rows, int cycles, long seed,
      ReportInputs.Builder inputs) throws IOException {
    Reuse reuse = new Reuse(rows);
    progress.plan(rows.stream().filter(reuse::trains)
        .mapToDouble(r -> EpochCost.of(r.config()) * r.config().epochs()).sum() * cycles);
    List<SystemResult> done = new ArrayList<>();
    ExperimentResults results = null;
    int trainedCycles = Math.toIntExact(rows.stream().filter(reuse::trains).count() * cycles);
    try (CycleWorkers pool = CycleWorkers.start(workers, trainedCycles)) {
      inputs.cyclesAtOnce(pool.count());
      List<SystemRun> runs = new ArrayList<>();
      for (SystemRun.Row row : rows) {
        SystemRun run = systemRun(row);
        runs.add(reuse.trains(row) ? run.queue(pool, cycles, seed) : run);
      }
      for (int i = 0; i < rows.size(); i++) {
        done.add(reuse.run(runs.get(i), rows.get(i), cycles, seed));
        results = results(done);
        ReportWriter.writeAll(out, results, inputs.build());
      }
    }
    return results;
  }

  /**
   * Hands the cycles of each trained row to the later rows with the same training
   * ({@link SharedTrainings}), keeping them only while such a row is still to come.
   */
  private static final class Reuse {
    private final Map<String, SystemRun.Row> trainedBy;
    /** How many rows still to come take each trained row's cycles. */
    private final Map<String, Integer> takers = new HashMap<>();
    private final Map<String, Map<Integer, CycleTrainer.CycleOutcome>> kept = new HashMap<>();

    Reuse(List<SystemRun.Row> rows) {
      this.trainedBy = SharedTrainings.of(rows);
      trainedBy.values().forEach(by -> takers.merge(by.slug(), 1, Integer::sum));
    }

    /** Whether {@code row} is trained here, not given another row's cycles. */
    boolean trains(SystemRun.Row row) {
      return !trainedBy.containsKey(row.slug());
    }

    SystemResult run(SystemRun run, SystemRun.Row row, int cycles, long seed)
        throws IOException {
      SystemRun.Row by = trainedBy.get(row.slug());
      if (by != null) {
        run.reusing(kept.getOrDefault(by.slug(), Map.of()), SharedTrainings.note(row, by));
      }
      SystemResult result = run.run(cycles, seed);
      if (takers.containsKey(row.slug())) {
        kept.put(row.slug(), run.outcomes());
      }
      if (by != null && takers.merge(by.slug(), -1, Integer::sum) == 0) {
        kept.remove(by.slug());
      }
      return result;
    }
  }

  /**
   * Trains the cycles of one share of the grid (each with its predictions and checkpoints, as in
   * {@link #run}), and writes no results or report: other shares are writing the same directory.
   *
   * @return the share's cells, all finished
   */
  public Set<GridShare.Cell> runShare(List<SystemRun.Row> rows, int cycles, long seed,
      GridShare share) throws IOException {
    requireCheckpoints("a share");
    // a row whose training another computes has no cells: the merge takes them from that row
    List<SystemRun.Row> trained = SharedTrainings.trained(rows);
    Set<GridShare.Cell> mine = share.cells(trained, cycles);
    progress.plan(trained.stream().mapToDouble(r -> EpochCost.of(r.config()) * r.config().epochs()
        * mine.stream().filter(c -> c.slug().equals(r.slug())).count()).sum());
    try (CycleWorkers pool = CycleWorkers.start(workers, mine.size())) {
      List<SystemRun> runs = new ArrayList<>();
      for (SystemRun.Row row : trained) {
        if (mine.stream().anyMatch(c -> c.slug().equals(row.slug()))) {
          runs.add(systemRun(row)
              .onlyCycles(k -> mine.contains(new GridShare.Cell(row.slug(), k)))
              .queue(pool, cycles, seed));
        }
      }
      for (SystemRun run : runs) {
        run.run(cycles, seed);
      }
    }
    return mine;
  }

  /**
   * Results and report from the cycles finished in the checkpoint directory, training nothing.
   * Rows with no finished cycle are left out; the results list every missing cycle.
   */
  public ExperimentResults merge(List<SystemRun.Row> rows, int cycles, long seed,
      ReportInputs.Builder inputs) throws IOException {
    requireCheckpoints("a merge");
    checkpoints.merging();
    List<SystemResult> done = new ArrayList<>();
    List<ExperimentResults.MissingCycle> missing = new ArrayList<>();
    Reuse reuse = new Reuse(rows);
    for (SystemRun.Row row : rows) {
      SystemRun run = systemRun(row).finishedOnly();
      SystemResult r = reuse.run(run, row, cycles, seed);
      if (r != null) {
        done.add(r);
      }
      run.missing().forEach(c -> missing.add(
          new ExperimentResults.MissingCycle(c.slug(), c.cycle())));
    }
    if (done.isEmpty()) {
      throw new org.pmm.base.UserError("nothing to merge in '" + out + "': none of the "
          + rows.size() * cycles + " cycles has finished");
    }
    ExperimentResults results = results(done).withMissing(missing);
    ReportWriter.writeAll(out, results, inputs.build());
    return results;
  }

  private SystemRun systemRun(SystemRun.Row row) {
    return new SystemRun(row, data, split, out, progress).skippingNonFinite(skipNonFinite)
        .checkpointingTo(checkpoints);
  }

  private ExperimentResults results(List<SystemResult> done) {
    return ExperimentResults.withStandardComparisons(org.pmm.base.Version.NUMBER,
        new DataInfo(dataPath, data.rows(), split.name()), done);
  }

  private void requireCheckpoints(String what) {
    if (checkpoints == null) {
      throw new IllegalStateException(what + " needs a checkpoint directory");
    }
  }
}
