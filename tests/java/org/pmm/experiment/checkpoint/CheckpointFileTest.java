package org.pmm.experiment.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.data.BatchIterator.Batch;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.experiment.systems.MultimodalSystem;
import org.pmm.experiment.systems.Overrides;
import org.pmm.experiment.systems.SystemConfig;
import org.pmm.infer.TrainingState;
import org.pmm.experiment.systems.TrainableSystem;
import org.pmm.optim.Adam;
import org.pmm.params.ParamStore;
import org.pmm.tensor.BatchNormStats;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * A checkpoint file holds a system's whole training state and the cycle's position bit for bit:
 * after writing, reading and restoring into a freshly built system, that system's state equals
 * the original's, and the next training step and a sampled prediction come out identical.
 */
class CheckpointFileTest {
  @TempDir
  Path dir;

  private static SystemConfig config() {
    // PM+MO: ClippedAdam and AdamW groups, five batch-norm layers, dropout, guide samples,
    // annealing, and sampled predictions (predict_samples) that advance the prediction stream
    return Overrides.apply("pmmo", Map.of("hidden", "8", "classifier_width", "8",
        "maxout_pieces", "2", "dropout", "0.5", "predict_samples", "2", "batch_size", "32"));
  }

  private static Batch batch(int seed) {
    RandomStream rng = new RandomStream(seed);
    INDArray labels = rng.bernoulli(DataType.FLOAT, 0.2, 32, 23);
    int[] rows = new int[32];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    return new Batch(rng.normal(DataType.FLOAT, 32, 300), rng.uniform(DataType.FLOAT, 0, 1, 32, 4096),
        labels, rows);
  }

  /** Selected weights with values a careless encoding would round. */
  private static SelectedWeights selected() {
    return new SelectedWeights(Map.of("w", Nd4j.createFromArray(new float[][] {
        {0.1f, Float.MIN_VALUE}, {1f / 3, Math.nextUp(0.5f)}})),
        Map.of("bn", new INDArray[] {Nd4j.createFromArray(-0f, 1e-30f),
            Nd4j.createFromArray(1.0, Math.PI)}));
  }

  /** A mid-epoch position (so the selected weights are stored, not the current ones). */
  private static CycleProgress progress() {
    CycleProgress p = new CycleProgress(4);
    p.stepTaken(0.1);
    p.stepTaken(0.2);
    p.finishEpoch(1.5, 0.6123456789012345);
    p.select(selected());
    p.nextEpoch();
    p.stepTaken(Math.PI * 1e10);
    p.stepSkipped();
    p.stepTaken(Double.MIN_NORMAL);
    p.setEpochElapsed(Math.nextUp(0.25));
    return p;
  }

  @Test
  void aRestoredSystemContinuesBitForBit() throws IOException {
    TrainableSystem original = MultimodalSystem.create(config(), 1000, 11);
    for (int step = 0; step < 3; step++) {
      original.trainStep(batch(step), step);
    }
    original.predict(batch(50).text(), batch(50).image());
    Path file = dir.resolve("pmmo-cycle0.ckpt");
    CycleCheckpoint written = new CycleCheckpoint("pmmo", 0, 11, "f1ng3rpr1nt", false, progress(),
        SystemSnapshot.of(original));
    CheckpointFile.write(file, written);

    CycleCheckpoint read = CheckpointFile.read(file);
    assertEquals("pmmo", read.system());
    assertEquals(0, read.cycle());
    assertEquals(11, read.seed());
    assertEquals("f1ng3rpr1nt", read.fingerprint());
    assertFalse(read.complete());
    assertSameProgress(progress(), read.progress());
    assertSameSnapshot(SystemSnapshot.of(original), read.snapshot());

    TrainableSystem restored = MultimodalSystem.create(config(), 1000, 11);
    read.snapshot().restoreInto(restored);
    assertSameSnapshot(SystemSnapshot.of(original), SystemSnapshot.of(restored));

    double a = original.trainStep(batch(3), 3);
    double b = restored.trainStep(batch(3), 3);
    assertEquals(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b), a + " vs " + b);
    assertSameSnapshot(SystemSnapshot.of(original), SystemSnapshot.of(restored));
    float[][] pa = original.predict(batch(51).text(), batch(51).image());
    float[][] pb = restored.predict(batch(51).text(), batch(51).image());
    assertTrue(Arrays.deepEquals(pa, pb), "sampled predictions differ after restoring");
  }

  @Test
  void theRestoredStateIsTheSavedOneNotTheFreshSystems() throws IOException {
    // Guards the test above against passing because a fresh system happens to equal the
    // trained one: after three steps they differ in every kind of state the file holds.
    TrainableSystem trained = MultimodalSystem.create(config(), 1000, 11);
    for (int step = 0; step < 3; step++) {
      trained.trainStep(batch(step), step);
    }
    TrainableSystem fresh = MultimodalSystem.create(config(), 1000, 11);
    fresh.trainStep(batch(0), 0);
    SystemSnapshot t = SystemSnapshot.of(trained);
    SystemSnapshot f = SystemSnapshot.of(fresh);
    assertFalse(Arrays.equals(bits(t.params().get(0).value()), bits(f.params().get(0).value())));
    assertEquals(3, t.optimizers().get("A").get(0).step());
    assertEquals(1, f.optimizers().get("A").get(0).step());
    assertFalse(Arrays.equals(bits(t.batchNorms().get("C.bn1")[0]),
        bits(f.batchNorms().get("C.bn1")[0])));
    assertTrue(t.streams().get("main")[1] > f.streams().get("main")[1], "dropout draws advance");
  }

  @Test
  void statisticsAndLazyBatchNormLayersRoundTrip() throws IOException {
    Stub saved = new Stub();
    saved.adam.step(saved.store.parameters());
    saved.state.statistics().get("elbo").put("z", Nd4j.createFromArray(0.25f, -1e-30f));
    saved.created.stats().runningMean().assign(Nd4j.createFromArray(new float[][] {{1.5f, 2.5f, 3.5f}}));
    saved.stream.nextLong();
    Path file = dir.resolve("stub.ckpt");
    CheckpointFile.write(file, new CycleCheckpoint("stub", 2, -5, "x", false, new CycleProgress(1),
        SystemSnapshot.of(saved)));

    Stub restored = new Stub();
    CheckpointFile.read(file).snapshot().restoreInto(restored);
    assertSameSnapshot(SystemSnapshot.of(saved), SystemSnapshot.of(restored));
    assertNull(restored.lazy.stats(), "a layer that had not run stays without statistics");
    assertArrayEquals(new float[] {0.25f, -1e-30f},
        restored.state.statistics().get("elbo").get("z").data().asFloat());
    assertArrayEquals(new long[] {7, 1}, restored.stream.state());
  }

  @Test
  void aCompleteCheckpointKeepsResultsWithoutState() throws IOException {
    CycleProgress p = new CycleProgress(1);
    p.stepTaken(2.0);
    p.finishEpoch(3.0, 0.5);
    p.select(selected(), new float[][] {{0.25f, Math.nextDown(1f)}, {0f, 2f / 3}});
    p.nextEpoch();
    p.finish(new float[][] {{0.1f, Float.MIN_VALUE}, {1f / 3, Math.nextUp(0.5f)}},
        new org.pmm.lang.compile.Predictive(org.pmm.lang.compile.Predictive.Method.MC_DROPOUT, 7,
            new float[][] {{0.2f, 0.4f}, {0.6f, 0.8f}}, new float[][] {{0.01f, 0.02f},
                {0.03f, Math.nextUp(0f)}}),
        new float[] {0.25f, 0.75f}, new float[][] {{0.5f, 0.125f}, {1f / 7, 0f}});
    assertNull(p.selectedWeights(), "a finished cycle keeps its results, not its weights");
    Path file = dir.resolve("x.done");
    CheckpointFile.write(file, new CycleCheckpoint("x", 0, 0, "f", true, p, SystemSnapshot.empty()));
    CycleCheckpoint c = CheckpointFile.read(file);
    assertTrue(c.complete() && c.progress().complete());
    assertTrue(c.snapshot().params().isEmpty() && c.snapshot().optimizers().isEmpty());
    assertArrayEquals(new double[] {2.0}, c.progress().trainLoss());
    assertSameProgress(p, c.progress());
  }

  @Test
  void rightAfterTheSelectedEpochTheCurrentWeightsAreNotStoredTwice() throws IOException {
    TrainableSystem system = MultimodalSystem.create(config(), 1000, 3);
    system.trainStep(batch(0), 0);
    CycleProgress p = new CycleProgress(3);
    p.stepTaken(1.0);
    p.finishEpoch(1.0, 0.5);
    p.select(SelectedWeights.of(system));
    p.nextEpoch();
    assertTrue(p.selectedIsCurrent());
    Path current = dir.resolve("current.ckpt");
    CheckpointFile.write(current, new CycleCheckpoint("pmmo", 0, 3, "f", false, p,
        SystemSnapshot.of(system)));
    CycleProgress mid = new CycleProgress(3);
    mid.stepTaken(1.0);
    mid.finishEpoch(1.0, 0.5);
    mid.select(SelectedWeights.of(system));
    mid.nextEpoch();
    mid.stepTaken(1.0);
    assertFalse(mid.selectedIsCurrent());
    Path copied = dir.resolve("copied.ckpt");
    CheckpointFile.write(copied, new CycleCheckpoint("pmmo", 0, 3, "f", false, mid,
        SystemSnapshot.of(system)));
    long params = SystemSnapshot.of(system).params().stream()
        .mapToLong(q -> q.value().length() * 4).sum();
    assertTrue(Files.size(copied) - Files.size(current) >= params,
        Files.size(copied) + " vs " + Files.size(current) + " bytes; parameters " + params);

    CycleCheckpoint read = CheckpointFile.read(current);
    assertSameSelected(p.selectedWeights(), read.progress().selectedWeights());
    // a copy, not the restored parameters themselves, which go on training
    SystemSnapshot.Param first = read.snapshot().params().get(0);
    INDArray kept = read.progress().selectedWeights().params().get(first.name());
    int[] before = bits(kept);
    first.value().addi(1);
    assertArrayEquals(before, bits(kept));
  }

  @Test
  void selectedWeightsGoInAndBack() {
    TrainableSystem system = MultimodalSystem.create(config(), 1000, 5);
    system.trainStep(batch(0), 0);
    SelectedWeights first = SelectedWeights.of(system);
    float[][] firstPrediction = system.predict(batch(60).text(), batch(60).image());
    system.trainStep(batch(1), 1);
    SnapshotBits last = new SnapshotBits(SystemSnapshot.of(system));
    SelectedWeights replaced = SelectedWeights.of(system);
    first.putInto(system);
    assertSameSelected(first, SelectedWeights.of(system));
    replaced.putInto(system);
    last.assertSame(SystemSnapshot.of(system));
    assertFalse(Arrays.deepEquals(firstPrediction,
        system.predict(batch(60).text(), batch(60).image())), "the step changed the weights");
  }

  /** The parameters and statistics of a snapshot, frozen as bits. */
  private record SnapshotBits(List<int[]> params, List<int[]> batchNorms) {
    SnapshotBits(SystemSnapshot s) {
      this(s.params().stream().map(p -> bits(p.value())).toList(),
          s.batchNorms().values().stream().flatMap(a -> Arrays.stream(a)).map(
              CheckpointFileTest::bits).toList());
    }

    void assertSame(SystemSnapshot s) {
      SnapshotBits other = new SnapshotBits(s);
      for (int i = 0; i < params.size(); i++) {
        assertArrayEquals(params.get(i), other.params.get(i), "parameter " + i);
      }
      for (int i = 0; i < batchNorms.size(); i++) {
        assertArrayEquals(batchNorms.get(i), other.batchNorms.get(i), "batch norm " + i);
      }
    }
  }

  @Test
  void aCheckpointOfTheEarlierFormatIsRefusedWithWhatToDo() throws IOException {
    Path old = dir.resolve("old.ckpt");
    Files.writeString(old, "PMMCHECKPOINT 1\n2\n{}");
    IOException e = assertThrows(IOException.class, () -> CheckpointFile.read(old));
    assertEquals(old + ": checkpoint format '1' (this pmm reads '2'): start the run afresh in a"
        + " new --out", e.getMessage());
  }

  @Test
  void damagedFilesAndMismatchedSystemsAreNamed() throws IOException {
    TrainableSystem pmmo = MultimodalSystem.create(config(), 1000, 1);
    pmmo.trainStep(batch(0), 0);
    Path file = dir.resolve("a.ckpt");
    CheckpointFile.write(file, new CycleCheckpoint("pmmo", 0, 1, "f", false, new CycleProgress(2),
        SystemSnapshot.of(pmmo)));
    byte[] bytes = Files.readAllBytes(file);

    Path cut = dir.resolve("cut.ckpt");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length - 3));
    IOException e = assertThrows(IOException.class, () -> CheckpointFile.read(cut));
    assertEquals(cut + ": truncated checkpoint", e.getMessage());

    Path foreign = dir.resolve("foreign.ckpt");
    Files.writeString(foreign, "PMMPARAMS 1\n2\n{}");
    e = assertThrows(IOException.class, () -> CheckpointFile.read(foreign));
    assertEquals(foreign + ": not a pmm checkpoint (first line 'PMMPARAMS 1')", e.getMessage());

    SystemConfig gmuConfig = Overrides.apply("gmu", Map.of("hidden", "8", "classifier_width", "8",
        "maxout_pieces", "2"));
    TrainableSystem gmu = MultimodalSystem.create(gmuConfig, 1000, 1);
    IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
        () -> CheckpointFile.read(file).snapshot().restoreInto(gmu));
    assertEquals("optimiser groups differ: [A, C] in the checkpoint, [all] in this system",
        wrong.getMessage());
  }

  /** A minimal system: one parameter with Adam, two batch-norm slots, a stream, statistics. */
  private static final class Stub implements TrainableSystem {
    final ParamStore store = new ParamStore();
    final Adam adam = new Adam(0.1);
    final RandomStream stream = new RandomStream(7);
    final Slot created = new Slot();
    final Slot lazy = new Slot();
    final TrainingState state = new TrainingState();

    Stub() {
      created.create(3);
      store.put("w", Nd4j.createFromArray(new float[] {1, 2}), Constraints.real());
      try (ParamStore.Activation a = store.activate()) {
        Tensor w = store.get("w", null, Constraints.real());
        w.square().sum().backward();
      }
      state.optimizer("all", adam).batchNorm("created", created).batchNorm("lazy", lazy)
          .stream("s", stream).statistics("elbo", new LinkedHashMap<>());
    }

    @Override
    public double trainStep(Batch batch, long step) {
      throw new UnsupportedOperationException();
    }

    @Override
    public float[][] predict(INDArray text, INDArray image) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ParamStore store() {
      return store;
    }

    @Override
    public TrainingState state() {
      return state;
    }
  }

  private static final class Slot implements TrainingState.BatchNormSlot {
    private BatchNormStats stats;

    @Override
    public BatchNormStats stats() {
      return stats;
    }

    @Override
    public BatchNormStats create(long features) {
      if (stats == null) {
        stats = new BatchNormStats(DataType.FLOAT, features, 0.1, 1e-3);
      }
      return stats;
    }
  }

  // ------------------------------------------------------------------ bitwise comparisons

  static int[] bits(INDArray a) {
    if (a.dataType() == DataType.DOUBLE) {
      return Arrays.stream(a.dup('c').data().asDouble()).mapToLong(Double::doubleToRawLongBits)
          .mapToInt(l -> (int) (l ^ (l >>> 32))).toArray();
    }
    float[] f = a.dup('c').data().asFloat();
    int[] out = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = Float.floatToRawIntBits(f[i]);
    }
    return out;
  }

  private static void assertSameArray(String what, INDArray a, INDArray b) {
    assertArrayEquals(a.shape(), b.shape(), what + " shape");
    assertEquals(a.dataType(), b.dataType(), what + " type");
    assertArrayEquals(bits(a), bits(b), what);
  }

  static void assertSameSnapshot(SystemSnapshot a, SystemSnapshot b) {
    assertEquals(a.params().size(), b.params().size());
    for (int i = 0; i < a.params().size(); i++) {
      SystemSnapshot.Param p = a.params().get(i);
      SystemSnapshot.Param q = b.params().get(i);
      assertEquals(p.name(), q.name());
      assertEquals(p.constraint(), q.constraint(), p.name());
      assertSameArray(p.name(), p.value(), q.value());
    }
    assertEquals(a.optimizers().keySet(), b.optimizers().keySet());
    a.optimizers().forEach((group, entries) -> {
      List<SystemSnapshot.OptimizerEntry> other = b.optimizers().get(group);
      assertEquals(entries.size(), other.size(), group);
      for (int i = 0; i < entries.size(); i++) {
        SystemSnapshot.OptimizerEntry e = entries.get(i);
        SystemSnapshot.OptimizerEntry f = other.get(i);
        assertEquals(e.param(), f.param());
        assertEquals(e.step(), f.step(), e.param());
        assertEquals(e.buffers().length, f.buffers().length);
        for (int k = 0; k < e.buffers().length; k++) {
          assertSameArray(group + " " + e.param() + " buffer " + k, e.buffers()[k], f.buffers()[k]);
        }
      }
    });
    assertEquals(a.batchNorms().keySet(), b.batchNorms().keySet());
    a.batchNorms().forEach((layer, s) -> {
      assertSameArray(layer + " mean", s[0], b.batchNorms().get(layer)[0]);
      assertSameArray(layer + " var", s[1], b.batchNorms().get(layer)[1]);
    });
    assertEquals(a.streams().keySet(), b.streams().keySet());
    a.streams().forEach((name, s) -> assertArrayEquals(s, b.streams().get(name), name));
    assertEquals(a.statistics().keySet(), b.statistics().keySet());
    a.statistics().forEach((name, m) -> {
      assertEquals(m.keySet(), b.statistics().get(name).keySet(), name);
      m.forEach((k, v) -> assertSameArray(name + " " + k, v, b.statistics().get(name).get(k)));
    });
  }

  private static void assertSameDoubles(String what, double[] a, double[] b) {
    assertArrayEquals(Arrays.stream(a).mapToLong(Double::doubleToRawLongBits).toArray(),
        Arrays.stream(b).mapToLong(Double::doubleToRawLongBits).toArray(), what);
  }

  static void assertSameProgress(CycleProgress a, CycleProgress b) {
    assertEquals(a.epochs(), b.epochs());
    assertEquals(a.epoch(), b.epoch());
    assertEquals(a.batch(), b.batch());
    assertEquals(a.step(), b.step());
    assertEquals(a.batches(), b.batches());
    assertEquals(a.best(), b.best());
    assertEquals(a.skipped(), b.skipped());
    assertSameDoubles("loss sum", new double[] {a.lossSum()}, new double[] {b.lossSum()});
    assertSameDoubles("elapsed", new double[] {a.epochElapsed()}, new double[] {b.epochElapsed()});
    assertSameDoubles("val", a.valWeightedF1(), b.valWeightedF1());
    assertSameDoubles("loss", a.trainLoss(), b.trainLoss());
    assertSameDoubles("seconds", a.epochSeconds(), b.epochSeconds());
    assertTrue(Arrays.deepEquals(a.testProbabilities(), b.testProbabilities()), "test probabilities");
    assertTrue(Arrays.deepEquals(a.selectedValProbabilities(), b.selectedValProbabilities()),
        "the selected epoch's validation probabilities");
    assertTrue(Arrays.deepEquals(a.valPredictiveMean(), b.valPredictiveMean()),
        "the validation predictive mean");
    assertTrue(Arrays.equals(a.testGate(), b.testGate()), "the test gate");
    assertEquals(a.testPredictive() == null, b.testPredictive() == null, "a test predictive");
    if (a.testPredictive() != null) {
      assertEquals(a.testPredictive().method(), b.testPredictive().method());
      assertEquals(a.testPredictive().samples(), b.testPredictive().samples());
      assertTrue(Arrays.deepEquals(a.testPredictive().mean(), b.testPredictive().mean()));
      assertTrue(Arrays.deepEquals(a.testPredictive().sd(), b.testPredictive().sd()));
    }
    if (a.selectedWeights() == null || b.selectedWeights() == null) {
      assertNull(a.selectedWeights());
      assertNull(b.selectedWeights());
    } else {
      assertSameSelected(a.selectedWeights(), b.selectedWeights());
    }
  }

  static void assertSameSelected(SelectedWeights a, SelectedWeights b) {
    assertEquals(a.params().keySet(), b.params().keySet());
    a.params().forEach((name, v) -> assertSameArray(name, v, b.params().get(name)));
    assertEquals(a.batchNorms().keySet(), b.batchNorms().keySet());
    a.batchNorms().forEach((layer, s) -> {
      assertSameArray(layer + " mean", s[0], b.batchNorms().get(layer)[0]);
      assertSameArray(layer + " var", s[1], b.batchNorms().get(layer)[1]);
    });
  }
}
