package org.pmm.experiment.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  public ExperimentResults run(List<SystemRun.Row> rows, int cycles, long seed,
      ReportInputs.Builder inputs) throws IOException {
    progress.plan(rows.stream().mapToDouble(r -> EpochCost.of(r.config()) * r.config().epochs())
        .sum() * cycles);
    List<SystemResult> done = new ArrayList<>();
    ExperimentResults results = null;
    for (SystemRun.Row row : rows) {
      done.add(new SystemRun(row, data, split, out, progress).skippingNonFinite(skipNonFinite)
          .checkpointingTo(checkpoints).run(cycles, seed));
      results = ExperimentResults.withStandardComparisons(org.pmm.base.Version.NUMBER,
          new DataInfo(dataPath, data.rows(), split.name()), done);
      ReportWriter.writeAll(out, results, inputs.build());
    }
    return results;
  }
}
