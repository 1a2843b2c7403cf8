package org.pmm.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.experiment.systems.SystemConfig;
import org.pmm.infer.Elbos;
import org.pmm.lang.check.ProgramChecker;

/**
 * Which rows of a grid share one training: the estimator rule ({@code tracegraph} computes
 * {@code trace}'s loss and gradients only when every latent guide site is reparameterised), the
 * static check of a program's guides, and the grouping of rows by their keys. That the shared
 * cycles equal the row's own training is checked end to end in {@code ShardMergeTest}.
 */
class SharedTrainingsTest {
  @TempDir Path dir;

  @Test
  void tracegraphCoincidesWithTraceOnlyForReparameterisedGuides() {
    assertEquals("trace", Elbos.coincident("tracegraph", true));
    assertEquals("annealed", Elbos.coincident("annealed_tracegraph", true));
    assertEquals("tracegraph", Elbos.coincident("tracegraph", false));
    assertEquals("meanfield", Elbos.coincident("meanfield", true));
    assertEquals("iwae(8)", Elbos.coincident("iwae(8)", true));
  }

  @Test
  void aGuideWithADiscreteLatentSiteIsNotReparameterised() throws IOException {
    assertTrue(ProgramChecker.checkFile(Path.of("models/pmmo.pmm"), "models/pmmo.pmm")
        .guidesReparameterised());
    assertTrue(ProgramChecker.checkFile(Path.of("models/eight_schools.pmm"),
        "models/eight_schools.pmm").guidesReparameterised(), "an autoguide is");
    Path mixture = dir.resolve("switch.pmm");
    Files.writeString(mixture, """
        hyper { lr = 0.01; elbo = tracegraph }
        data { x: real[3] = [0.1, 1.2, 0.8] }
        model switch {
          z ~ Bernoulli(probs: 0.5)
          mu ~ Normal(0, 1)
          plate obs(3) { x ~ Normal(mu + 2.0 * z, 1.0) }
        }
        guide switch {
          param q in (0, 1) = 0.5
          param m = 0.0
          z ~ Bernoulli(probs: q)
          mu ~ Normal(m, 1.0)
        }
        train { objective switch: elbo(switch, estimator: elbo) using Adam(lr) }
        """);
    assertFalse(ProgramChecker.checkFile(mixture, "switch.pmm").guidesReparameterised());
  }

  @Test
  void rowsDifferingOnlyInCoincidingEstimatorsShareTheFirstRowsTraining() {
    SystemRun.Row v2 = row("PM+MO (ELBOv2)", "pmmo-elbov2", "tracegraph", 0.1, true);
    SystemRun.Row v1 = row("PM+MO (ELBOv1)", "pmmo-elbov1", "trace", 0.1, true);
    SystemRun.Row other = row("PM+MO (ELBOv1, L2 0)", "pmmo-l2", "trace", 0.0, true);
    SystemRun.Row own = new SystemRun.Row("GMU", "gmu", "models/gmu.pmm", v1.config(), null);

    Map<String, SystemRun.Row> reuse = SharedTrainings.of(List.of(v2, v1, other, own));
    assertEquals(Map.of("pmmo-elbov1", v2), reuse, "only the later row of the pair reuses");
    assertEquals(List.of(v2, other, own), SharedTrainings.trained(List.of(v2, v1, other, own)));
    assertTrue(SharedTrainings.of(List.of(v1, v2)).get("pmmo-elbov2") == v1,
        "whichever comes first is trained");

    SystemRun.Row scoreV2 = row("v2", "a", "tracegraph", 0.1, false);
    SystemRun.Row scoreV1 = row("v1", "b", "trace", 0.1, false);
    assertNotEquals(scoreV2.training(), scoreV1.training(),
        "with a score-function site the estimators differ");
    assertTrue(SharedTrainings.of(List.of(scoreV2, scoreV1)).isEmpty());

    String note = SharedTrainings.note(v1, v2);
    assertTrue(note.startsWith("trained once with PM+MO (ELBOv2) (elbo = trace here, tracegraph"
        + " there"), note);
  }

  private static SystemRun.Row row(String name, String slug, String elbo, double l2,
      boolean reparameterised) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("hidden", 256);
    values.put("elbo", elbo);
    values.put("l2", l2);
    SystemConfig config = SystemConfig.fromMap("pmmo", values);
    return new SystemRun.Row(name, slug, "models/pmmo.pmm", config, null, "digest",
        SharedTrainings.key("digest", config.resolved(), reparameterised));
  }
}
