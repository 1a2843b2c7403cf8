package org.pmm.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.data.MmImdbData;
import org.pmm.data.Split;
import org.pmm.experiment.checkpoint.CheckpointDirectory;
import org.pmm.experiment.checkpoint.CheckpointFile;
import org.pmm.experiment.checkpoint.CycleCheckpoint;
import org.pmm.experiment.checkpoint.CycleCheckpoints;
import org.pmm.experiment.checkpoint.CycleProgress;
import org.pmm.experiment.checkpoint.DataFingerprint;
import org.pmm.experiment.checkpoint.RunManifest;
import org.pmm.experiment.checkpoint.SystemSnapshot;
import org.pmm.experiment.systems.MultimodalSystem;
import org.pmm.infer.NonFiniteLossException;
import org.pmm.experiment.systems.Overrides;
import org.pmm.experiment.systems.SystemConfig;
import org.pmm.experiment.systems.SystemFactory;
import org.pmm.experiment.systems.TrainableSystem;
import org.pmm.tensor.Ops;

/**
 * When training stops, for a non-finite value or a failed write, the last good checkpoint is
 * still there and still readable. A GMU of 6 steps per epoch, checkpointed after every epoch.
 */
class CheckpointGuardsTest {
  @TempDir
  static Path dir;
  static MmImdbData data;
  static Split split;
  static DataFingerprint fingerprint;

  @BeforeAll
  static void data() throws Exception {
    SmallRun run = SmallRun.create(dir);
    data = run.data();
    split = run.split();
    fingerprint = run.fingerprint();
  }

  private static SystemConfig config() {
    return Overrides.apply("gmu", Map.of("hidden", "8", "classifier_width", "8",
        "maxout_pieces", "2", "batch_size", "32", "epochs", "3"));
  }

  private static CheckpointDirectory directory(Path out) {
    return new CheckpointDirectory(out, new RunManifest("train", null, 0, 1, fingerprint,
        List.of(RunManifest.SystemEntry.of("gmu", "java", "", config().resolved()))), 0);
  }

  private static CycleTrainer trainer(SystemFactory factory) {
    return new CycleTrainer(config(), factory, data, split,
        SmallRun.quiet());
  }

  private static void assertGoodCheckpointOfTheFirstEpoch(Path file) throws IOException {
    CycleCheckpoint c = CheckpointFile.read(file);
    assertEquals(1, c.progress().epoch());
    assertEquals(6, c.progress().step());
    for (SystemSnapshot.Param p : c.snapshot().params()) {
      assertFalse(Ops.hasNonFinite(p.value()), p.name());
    }
  }

  @Test
  void aNonFiniteLossStopsTrainingAndKeepsTheLastCheckpoint() throws IOException {
    CheckpointDirectory d = directory(dir.resolve("nan-loss"));
    NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
        () -> trainer(PoisonedSystem.factory(8, false)).train(0, d.cycle("gmu", 0, 0)));
    assertEquals(8, e.step());
    assertGoodCheckpointOfTheFirstEpoch(d.inProgress("gmu", 0));
  }

  @Test
  void aNonFiniteParameterIsNotCheckpointed() throws IOException {
    CheckpointDirectory d = directory(dir.resolve("nan-parameter"));
    NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
        () -> trainer(PoisonedSystem.factory(11, true)).train(0, d.cycle("gmu", 0, 0)));
    assertEquals("step 11: parameter 'C.out.W' after the optimiser step is not finite (NaN)",
        e.getMessage());
    assertGoodCheckpointOfTheFirstEpoch(d.inProgress("gmu", 0));
  }

  @Test
  void aFailedWriteStopsTrainingAndKeepsTheLastCheckpoint() throws IOException {
    CheckpointDirectory d = directory(dir.resolve("full"));
    CycleCheckpoints real = d.cycle("gmu", 0, 0);
    CycleCheckpoints diskFullAfterOne = new ForwardingCheckpoints(real) {
      private int saves;

      @Override
      public void save(CycleProgress progress, TrainableSystem system) throws IOException {
        if (saves++ == 1) {
          throw new IOException("No space left on device");
        }
        super.save(progress, system);
      }

      @Override
      public void complete(CycleProgress progress, TrainableSystem system) {
        throw new AssertionError("must not finish");
      }
    };
    IOException e = assertThrows(IOException.class,
        () -> trainer(MultimodalSystem::create).train(0, diskFullAfterOne));
    assertEquals("No space left on device", e.getMessage());
    assertGoodCheckpointOfTheFirstEpoch(d.inProgress("gmu", 0));
    try (var files = Files.list(d.directory())) {
      assertEquals(List.of("gmu-cycle0.ckpt"), files.map(f -> f.getFileName().toString()).toList());
    }
  }

  @Test
  void aCheckpointThatCannotBeWrittenInTheBackgroundStopsTrainingAtTheNextSave()
      throws IOException {
    CheckpointDirectory d = directory(dir.resolve("blocked"));
    // the checkpoint's name is taken by a directory with a file in it: its rename fails
    Path blocker = Files.createDirectories(d.inProgress("gmu", 0));
    Files.writeString(blocker.resolve("keep"), "not a checkpoint");
    CycleCheckpoints real = d.cycle("gmu", 0, 0);
    int[] saves = {0};
    CycleCheckpoints freshStart = new ForwardingCheckpoints(real) {
      @Override
      public CycleCheckpoint latest() {
        return null; // the blocker is not a checkpoint to resume from
      }

      @Override
      public void save(CycleProgress progress, TrainableSystem system) throws IOException {
        saves[0]++;
        super.save(progress, system);
      }

      @Override
      public void complete(CycleProgress progress, TrainableSystem system) {
        throw new AssertionError("must not finish");
      }
    };
    IOException e = assertThrows(IOException.class,
        () -> trainer(MultimodalSystem::create).train(0, freshStart));
    assertTrue(e.getMessage().contains("gmu-cycle0.ckpt"), e.getMessage());
    assertEquals(2, saves[0]); // the first save's failure stopped the second
    try (var files = Files.list(d.directory())) {
      assertEquals(List.of("gmu-cycle0.ckpt"), files.map(f -> f.getFileName().toString()).toList());
    }
    assertTrue(Files.isDirectory(blocker));
  }
  /**
   * Two cycles of one run write their checkpoints side by side (--workers): the failed write of
   * one is reported to it, at its next save, not to the other.
   */
  @Test
  void aFailedWriteIsReportedToTheCycleThatWroteIt() throws IOException {
    CheckpointDirectory d = directory(dir.resolve("two-cycles"));
    Path blocker = Files.createDirectories(d.inProgress("gmu", 0));
    Files.writeString(blocker.resolve("keep"), "not a checkpoint");
    CycleCheckpoints first = d.cycle("gmu", 0, 0);
    CycleCheckpoints second = d.cycle("gmu", 1, 1);
    TrainableSystem system = MultimodalSystem.create(config(), split.train().length, 0);
    first.save(new CycleProgress(3), system);       // fails in the background
    second.save(new CycleProgress(3), system);      // not the first cycle's failure
    second.save(new CycleProgress(3), system);
    second.flush();
    IOException e = assertThrows(IOException.class, first::flush);
    assertTrue(e.getMessage().contains("gmu-cycle0.ckpt"), e.getMessage());
    assertEquals(0, CheckpointFile.read(d.inProgress("gmu", 1)).progress().step());
  }
}
