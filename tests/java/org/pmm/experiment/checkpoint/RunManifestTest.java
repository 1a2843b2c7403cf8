package org.pmm.experiment.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run manifest says in words what keeps a run from resuming, and its fingerprints survive
 * the file round trip (a resumed run compares a manifest read from disk with one it builds).
 */
class RunManifestTest {
  @TempDir
  Path dir;

  private static final DataFingerprint DATA = new DataFingerprint("data/a.h5", 1000, "ab".repeat(32));

  private static Map<String, Object> config(Object hidden) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("hidden", hidden);
    c.put("lr", 0.005);
    c.put("batchnorm", true);
    c.put("elbo", "annealed");
    c.put("split_seed", 0L);
    return c;
  }

  private static RunManifest train(Object hidden, long seed, DataFingerprint data) {
    return new RunManifest("train", null, seed, 1, data,
        List.of(RunManifest.SystemEntry.of("gmu", "models/gmu.pmm", "d1", config(hidden))));
  }

  @Test
  void aChangedHyperparameterIsNamedWithBothValues() {
    assertEquals(List.of("hidden: 256 in the checkpoint, 512 now"),
        train(256, 0, DATA).differences(train(512, 0, DATA)));
    assertEquals(List.of("--seed: 0 in the checkpoint, 3 now", "hidden: 256 in the checkpoint, 512 now"),
        train(256, 0, DATA).differences(train(512, 3, DATA)));
    assertEquals(List.of(), train(256, 0, DATA).differences(train(256, 0, DATA)));
  }

  @Test
  void otherDataIsNamedByWhatDiffersButAMovedCopyIsTheSameData() {
    DataFingerprint moved = new DataFingerprint("elsewhere/a.h5", 1000, DATA.sha256());
    assertEquals(List.of(), train(256, 0, DATA).differences(train(256, 0, moved)));
    assertEquals(train(256, 0, DATA).fingerprint("gmu"), train(256, 0, moved).fingerprint("gmu"));

    DataFingerprint edited = new DataFingerprint("data/a.h5", 1000, "cd".repeat(32));
    assertEquals(List.of("data file: content hash differ ('data/a.h5', 1000 bytes, sha256 abababababab..."
        + " in the checkpoint; 'data/a.h5', 1000 bytes, sha256 cdcdcdcdcdcd... now)"),
        train(256, 0, DATA).differences(train(256, 0, edited)));
    DataFingerprint other = new DataFingerprint("data/b.h5", 2000, "cd".repeat(32));
    String d = train(256, 0, DATA).differences(train(256, 0, other)).get(0);
    assertTrue(d.startsWith("data file: path, size, content hash differ ('data/a.h5', 1000 bytes"), d);
    assertNotEquals(train(256, 0, DATA).fingerprint("gmu"), train(256, 0, other).fingerprint("gmu"));
  }

  @Test
  void anotherModelOrAnEditedModelIsNamed() {
    RunManifest gmu = train(256, 0, DATA);
    RunManifest pmmo = new RunManifest("train", null, 0, 1, DATA,
        List.of(RunManifest.SystemEntry.of("pmmo", "models/pmmo.pmm", "d2", config(256))));
    assertEquals(List.of("model: models/gmu.pmm in the checkpoint, models/pmmo.pmm now"),
        gmu.differences(pmmo));
    RunManifest edited = new RunManifest("train", null, 0, 1, DATA,
        List.of(RunManifest.SystemEntry.of("gmu", "models/gmu.pmm", "d3", config(256))));
    assertEquals(List.of("model models/gmu.pmm: its source (or an imported file) changed since the checkpoint"),
        gmu.differences(edited));
    assertNotEquals(gmu.fingerprint("gmu"), edited.fingerprint("gmu"));
  }

  @Test
  void inAnExperimentADifferenceOfSomeSystemsNamesThem() {
    RunManifest then = experiment(256, 256, 256);
    assertEquals(List.of("hidden: 256 in the checkpoint, 64 now"), then.differences(experiment(64, 64, 64)));
    assertEquals(List.of("b, c: hidden: 256 in the checkpoint, 64 now"),
        then.differences(experiment(256, 64, 64)));
    assertEquals(then.fingerprint("a"), experiment(256, 64, 64).fingerprint("a"));
    assertNotEquals(then.fingerprint("b"), experiment(256, 64, 64).fingerprint("b"));
  }

  private static RunManifest experiment(int a, int b, int c) {
    return new RunManifest("experiment", "quick", 0, 2, DATA, List.of(
        RunManifest.SystemEntry.of("a", "models/pmmo.pmm", "d", config(a)),
        RunManifest.SystemEntry.of("b", "models/pmmo.pmm", "d", config(b)),
        RunManifest.SystemEntry.of("c", "models/gmu.pmm", "d", config(c))));
  }

  @Test
  void theFileRoundTripKeepsDifferencesAndFingerprints() throws IOException {
    RunManifest m = experiment(256, 64, 1);
    Path file = dir.resolve("run.json");
    m.write(file);
    RunManifest read = RunManifest.read(file);
    assertEquals(List.of(), read.differences(m));
    for (String slug : new String[] {"a", "b", "c"}) {
      assertEquals(m.fingerprint(slug), read.fingerprint(slug), slug);
    }
    assertEquals("quick", read.scale());
    RunManifest t = train(256, 0, DATA);
    t.write(file);
    assertEquals(null, RunManifest.read(file).scale());
    assertEquals(t.fingerprint("gmu"), RunManifest.read(file).fingerprint("gmu"));
  }
}
