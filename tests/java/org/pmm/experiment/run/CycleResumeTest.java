package org.pmm.experiment.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pmm.data.MmImdbData;
import org.pmm.data.Split;
import org.pmm.experiment.checkpoint.CheckpointDirectory;
import org.pmm.experiment.checkpoint.CheckpointFile;
import org.pmm.experiment.checkpoint.CycleCheckpoint;
import org.pmm.experiment.checkpoint.CycleCheckpoints;
import org.pmm.experiment.checkpoint.CycleProgress;
import org.pmm.experiment.checkpoint.DataFingerprint;
import org.pmm.experiment.checkpoint.RunManifest;
import org.pmm.experiment.report.SystemResult;
import org.pmm.experiment.systems.MultimodalSystem;
import org.pmm.experiment.systems.Overrides;
import org.pmm.experiment.systems.SystemConfig;
import org.pmm.experiment.systems.SystemFactory;
import org.pmm.experiment.systems.TrainableSystem;

/**
 * A cycle interrupted after a checkpoint and resumed by fresh objects ends exactly as the same
 * cycle trained without interruption: same test probabilities, curves and final parameters, bit
 * for bit. The system is the Java PM+MO with dropout, annealing, guide samples and sampled
 * predictions, so every kind of saved state matters. An interruption is simulated by a
 * checkpoint store that throws instead of writing its next checkpoint: the work done since the
 * last one is lost, as with a kill.
 */
class CycleResumeTest {
  @TempDir
  static Path dir;
  static MmImdbData data;
  static Split split;
  static DataFingerprint dataFingerprint;

  @BeforeAll
  static void data() throws Exception {
    SmallRun run = SmallRun.create(dir);
    data = run.data();
    split = run.split();
    dataFingerprint = run.fingerprint();
  }

  private static SystemConfig config() {
    return Overrides.apply("pmmo", Map.of("hidden", "8", "classifier_width", "8",
        "maxout_pieces", "2", "dropout", "0.5", "predict_samples", "2", "batch_size", "32",
        "epochs", "2", "kl_anneal_epochs", "1"));
  }


  private static CheckpointDirectory directory(Path out, long every) {
    RunManifest m = new RunManifest("train", null, 0, 1, dataFingerprint,
        List.of(RunManifest.SystemEntry.of("pmmo", "java", "", config().resolved())));
    return new CheckpointDirectory(out, m, every);
  }

  private static CycleTrainer trainer(SystemFactory factory) {
    return new CycleTrainer(config(), factory, data, split, SmallRun.quiet());
  }

  /** Stands for SIGKILL: thrown where the next checkpoint would have been written. */
  private static final class Killed extends RuntimeException {}

  /** Lets {@code saves} checkpoints through, then "dies" at the next one. */
  private static CycleCheckpoints killedAfter(CycleCheckpoints real, int saves) {
    return new ForwardingCheckpoints(real) {
      private int count;

      @Override
      public void save(CycleProgress progress, TrainableSystem system) throws IOException {
        if (count++ == saves) {
          throw new Killed();
        }
        super.save(progress, system);
      }

      @Override
      public void complete(CycleProgress progress, TrainableSystem system) {
        throw new AssertionError("the interrupted cycle must not finish");
      }
    };
  }

  /**
   * {@code every} 0: killed during the second epoch, resumed from the first epoch's checkpoint.
   * {@code every} 4: checkpoints at steps 4, 6 (epoch end) and 8; killed before step 12's, so
   * the resumed cycle continues the second epoch at its third batch.
   */
  @ParameterizedTest(name = "checkpoint every {0} steps, killed after {1} checkpoints")
  @CsvSource({"0, 1, 1, 0, 6", "4, 3, 1, 2, 8"})
  void aResumedCycleEndsExactlyAsAnUninterruptedOne(long every, int saves, int epoch, int batch,
      long step) throws IOException {
    Path straight = dir.resolve("straight-" + every);
    CycleTrainer.CycleOutcome expected = trainer(MultimodalSystem::create)
        .train(7, directory(straight, every).cycle("pmmo", 0, 7));

    Path resumed = dir.resolve("resumed-" + every);
    CheckpointDirectory d = directory(resumed, every);
    assertThrows(Killed.class,
        () -> trainer(MultimodalSystem::create).train(7, killedAfter(d.cycle("pmmo", 0, 7), saves)));
    CycleCheckpoint last = CheckpointFile.read(d.inProgress("pmmo", 0));
    assertEquals(epoch, last.progress().epoch());
    assertEquals(batch, last.progress().batch());
    assertEquals(step, last.progress().step());

    CycleTrainer.CycleOutcome actual = trainer(MultimodalSystem::create)
        .train(7, directory(resumed, every).cycle("pmmo", 0, 7));
    assertSameOutcome(expected, actual);
    assertEquals(-1, Files.mismatch(directory(straight, every).finalParams("pmmo", 0),
        d.finalParams("pmmo", 0)), "final parameters differ");
    assertTrue(!Files.exists(d.inProgress("pmmo", 0)), "the in-progress checkpoint is removed");
  }

  /**
   * A cycle told to stop (another cycle training beside it failed) saves a checkpoint of the
   * step it has reached, makes sure it is on disk, and stops; resumed, it ends exactly as the
   * uninterrupted cycle.
   */
  @Test
  void aCycleStoppedBecauseAnotherFailedSavesItsStepAndResumesExactly() throws IOException {
    CycleTrainer.CycleOutcome expected = trainer(MultimodalSystem::create)
        .train(7, directory(dir.resolve("straight-stop"), 0).cycle("pmmo", 0, 7));
    Path stopped = dir.resolve("stopped");
    CheckpointDirectory d = directory(stopped, 0);
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    CycleWorkers.Stopped stop = assertThrows(CycleWorkers.Stopped.class,
        () -> trainer(MultimodalSystem::create).stoppingWhen(() -> asked.incrementAndGet() > 3)
            .train(7, d.cycle("pmmo", 0, 7)));
    assertTrue(stop.getMessage().contains("step 4"), stop.getMessage());
    CycleCheckpoint last = CheckpointFile.read(d.inProgress("pmmo", 0));
    assertEquals(0, last.progress().epoch());
    assertEquals(4, last.progress().batch());
    assertEquals(4, last.progress().step());

    CycleTrainer.CycleOutcome actual = trainer(MultimodalSystem::create)
        .train(7, directory(stopped, 0).cycle("pmmo", 0, 7));
    assertSameOutcome(expected, actual);
  }

  @Test
  void finishedCyclesAreReadBackNotTrainedAgain() throws IOException {
    Path out = dir.resolve("finished");
    Files.createDirectories(out);
    SystemRun.Row row = new SystemRun.Row("PM+MO", "pmmo", "java", config(),
        MultimodalSystem::create);
    SystemResult first = new SystemRun(row, data, split, out, SmallRun.quiet())
        .checkpointingTo(directory(out, 0)).run(1, 7);
    byte[] predictions = Files.readAllBytes(out.resolve("predictions-pmmo-cycle0.csv"));
    Files.delete(out.resolve("predictions-pmmo-cycle0.csv"));

    SystemFactory never = (c, rows, seed) -> {
      throw new AssertionError("a finished cycle was trained again");
    };
    SystemResult again = new SystemRun(new SystemRun.Row("PM+MO", "pmmo", "java", config(), never),
        data, split, out, SmallRun.quiet()).checkpointingTo(directory(out, 0)).run(1, 7);
    assertEquals(first, again);
    assertArrayEquals(predictions, Files.readAllBytes(out.resolve("predictions-pmmo-cycle0.csv")));
  }

  static void assertSameOutcome(CycleTrainer.CycleOutcome a, CycleTrainer.CycleOutcome b) {
    assertEquals(a.seed(), b.seed());
    assertEquals(a.selectedEpoch(), b.selectedEpoch());
    assertEquals(a.skippedBatches(), b.skippedBatches());
    assertArrayEquals(bits(a.valWeightedF1()), bits(b.valWeightedF1()), "validation weighted-F1");
    assertArrayEquals(bits(a.trainLoss()), bits(b.trainLoss()), "training loss");
    assertEquals(a.testProbabilities().length, b.testProbabilities().length);
    for (int i = 0; i < a.testProbabilities().length; i++) {
      assertArrayEquals(floatBits(a.testProbabilities()[i]), floatBits(b.testProbabilities()[i]),
          "test row " + i);
    }
  }

  private static long[] bits(double[] v) {
    return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  private static int[] floatBits(float[] v) {
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Float.floatToRawIntBits(v[i]);
    }
    return out;
  }
}
