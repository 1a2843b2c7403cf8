package org.pmm.experiment.checkpoint;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.pmm.base.ExitCodes;
import org.pmm.base.UserError;
import org.pmm.experiment.systems.TrainableSystem;
import org.pmm.io.BackgroundFileWriter;
import org.pmm.params.ParamStoreFile;

/**
 * The checkpoints of a run, in {@code <out>/checkpoints/}:
 * <ul>
 *   <li>{@code run.json}: the {@link RunManifest} (what the run was started with);
 *   <li>{@code <slug>-cycle<k>.ckpt}: the latest checkpoint of a cycle in progress, replaced
 *       atomically after every epoch (and every N steps), removed when the cycle finishes;
 *       written in the background while training goes on (a write fails at the next save);
 *   <li>{@code <slug>-cycle<k>.done}: a finished cycle's results (curves, selected epoch, test
 *       probabilities), so that a resumed run skips it;
 *   <li>{@code <slug>-cycle<k>-final.params}: its parameters after the last epoch
 *       ({@code PMMPARAMS 1}, loadable with {@link ParamStoreFile#load}).
 * </ul>
 *
 * <pre>{@code
 * CheckpointDirectory dir = new CheckpointDirectory(out, manifest, 0);
 * CycleCheckpoints cycle = dir.cycle("gmu", 0, seed);
 * }</pre>
 */
public final class CheckpointDirectory {
  /** The directory's name below the output directory. */
  public static final String NAME = "checkpoints";
  private static final String MANIFEST = "run.json";

  private final Path dir;
  private final RunManifest manifest;
  private final long everySteps;
  /** Whether the checkpoints are read to merge shares (what a bad one's message advises). */
  private boolean merging;

  /**
   * @param out the run's output directory
   * @param manifest the current run's manifest (its fingerprints must match the files')
   * @param everySteps steps between mid-epoch checkpoints, 0 for epoch ends only
   */
  public CheckpointDirectory(Path out, RunManifest manifest, long everySteps) {
    this.dir = out.resolve(NAME);
    this.manifest = manifest;
    this.everySteps = everySteps;
  }

  /**
   * The checkpoints are read to merge the shares of a run: a checkpoint that cannot be used is
   * then reported as stopping the merge, with the advice to train its cycle again in a share.
   */
  public CheckpointDirectory merging() {
    this.merging = true;
    return this;
  }

  /** {@code <out>/checkpoints/run.json}. */
  public static Path manifestFile(Path out) {
    return out.resolve(NAME).resolve(MANIFEST);
  }

  public Path directory() {
    return dir;
  }

  /** The in-progress checkpoint of a cycle. */
  public Path inProgress(String slug, int cycle) {
    return dir.resolve(slug + "-cycle" + cycle + ".ckpt");
  }

  /** The results of a finished cycle. */
  public Path done(String slug, int cycle) {
    return dir.resolve(slug + "-cycle" + cycle + ".done");
  }

  /** The parameters of a finished cycle after its last epoch. */
  public Path finalParams(String slug, int cycle) {
    return dir.resolve(slug + "-cycle" + cycle + "-final.params");
  }

  /**
   * Deletes temporary files a killed run left behind (a kill during a write leaves one; the
   * checkpoint it was to replace is intact).
   */
  public void removeStaleTemporaries() throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*.tmp")) {
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
    }
  }

  /** The checkpoints of cycle {@code cycle} (seed {@code seed}) of system {@code slug}. */
  public CycleCheckpoints cycle(String slug, int cycle, long seed) {
    String fingerprint = manifest.fingerprint(slug);
    // Each cycle's checkpoints are synced to disk while its next epoch trains, on a writer of
    // its own: a cycle waits only for its own previous write, and a failed write stops the
    // cycle that wrote it, not another one training beside it (--workers).
    BackgroundFileWriter writer = new BackgroundFileWriter();
    return new CycleCheckpoints() {
      @Override
      public CycleCheckpoint latest() throws IOException {
        for (Path file : new Path[] {done(slug, cycle), inProgress(slug, cycle)}) {
          if (Files.exists(file)) {
            return checked(file, readable(file), slug, cycle, seed, fingerprint);
          }
        }
        return null;
      }

      @Override
      public void save(CycleProgress progress, TrainableSystem system) throws IOException {
        writer.await(); // one checkpoint of this cycle in memory at a time
        writer.write(inProgress(slug, cycle), CheckpointFile.encode(new CycleCheckpoint(slug,
            cycle, seed, fingerprint, false, progress, SystemSnapshot.of(system))));
      }

      @Override
      public void complete(CycleProgress progress, TrainableSystem system) throws IOException {
        writer.await();
        ParamStoreFile.save(finalParams(slug, cycle), system.store(), Map.of());
        CheckpointFile.write(done(slug, cycle), new CycleCheckpoint(slug, cycle, seed,
            fingerprint, true, progress, SystemSnapshot.empty()));
        Files.deleteIfExists(inProgress(slug, cycle));
      }

      @Override
      public void flush() throws IOException {
        writer.await();
      }

      @Override
      public long everySteps() {
        return everySteps;
      }
    };
  }

  /** A checkpoint that cannot be read is the user's to remove, not a reason to start afresh. */
  private CycleCheckpoint readable(Path file) {
    try {
      return CheckpointFile.read(file);
    } catch (IOException e) {
      throw new UserError(cannot() + "checkpoint '" + file + "' cannot be read (" + e.getMessage()
          + "); " + afresh(), ExitCodes.BAD_INPUT, e);
    }
  }

  /** A checkpoint must be this run's: same system, cycle, seed and fingerprint. */
  private CycleCheckpoint checked(Path file, CycleCheckpoint c, String slug, int cycle,
      long seed, String fingerprint) {
    if (!c.system().equals(slug) || c.cycle() != cycle || c.seed() != seed) {
      throw new UserError(cannot() + "checkpoint '" + file + "' is of " + c.system() + " cycle "
          + c.cycle() + " (seed " + c.seed() + "), not of " + slug + " cycle " + cycle + " (seed "
          + seed + ")");
    }
    if (!c.fingerprint().equals(fingerprint)) {
      throw new UserError(cannot() + "checkpoint '" + file + "' was written by a run with"
          + " another configuration or data file than " + MANIFEST + " describes; " + afresh());
    }
    return c;
  }

  private String cannot() {
    return merging ? "cannot merge: " : "cannot resume: ";
  }

  private String afresh() {
    return merging ? "remove it, run the share that trains that cycle again, then merge again"
        : "remove it to train that cycle afresh";
  }
}
