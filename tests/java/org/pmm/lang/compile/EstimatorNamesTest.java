package org.pmm.lang.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.infer.IwaeElbo;
import org.pmm.infer.RenyiElbo;
import org.pmm.infer.TraceElbo;
import org.pmm.lang.check.CheckFailed;
import org.pmm.lang.check.ProgramChecker;

/** Estimators with a parameter work wherever a name does: objective, hyper line, --set. */
class EstimatorNamesTest {
  @TempDir Path dir;

  private Path program(String hyperElbo, String estimator) throws IOException {
    Path file = dir.resolve("coin.pmm");
    Files.writeString(file, """
        hyper { lr = 0.01; elbo = %s }
        data { flips: binary[4] = [0, 1, 1, 1] }
        model coin {
          p ~ Beta(1, 1)
          plate tosses(4) { flips ~ Bernoulli(probs: p) }
        }
        guide coin {
          param a > 0 = 2.0
          param b > 0 = 2.0
          p ~ Beta(a, b)
        }
        train { objective coin: elbo(coin, estimator: %s) using Adam(lr) }
        """.formatted(hyperElbo, estimator));
    return file;
  }

  private static CompiledProgram compile(Path file, Map<String, String> overrides) {
    return CompiledProgram.compile(ProgramChecker.checkFile(file, "coin.pmm", overrides), 0, Map.of());
  }

  @Test
  void parameterInTheObjective() throws IOException {
    CompiledProgram p = compile(program("trace", "iwae(8)"), Map.of());
    assertEquals(8, assertInstanceOf(IwaeElbo.class, p.estimator("coin")).particles());
    double loss = p.step(p.inlineData(), 0);
    assertTrue(Double.isFinite(loss));
  }

  @Test
  void parameterInTheHyperLineAndFromSet() throws IOException {
    Path file = program("renyi(0.5)", "elbo");
    assertEquals(0.5, assertInstanceOf(RenyiElbo.class, compile(file, Map.of()).estimator("coin")).alpha());
    assertEquals(3, assertInstanceOf(IwaeElbo.class,
        compile(file, Map.of("elbo", "iwae(3)")).estimator("coin")).particles());
    assertInstanceOf(TraceElbo.class, compile(file, Map.of("elbo", "trace")).estimator("coin"));
  }

  @Test
  void badParametersAreCheckErrorsNamingTheEstimator() throws IOException {
    CheckFailed zero = assertThrows(CheckFailed.class,
        () -> compile(program("trace", "elbo"), Map.of("elbo", "iwae(0)")));
    assertTrue(zero.getMessage().contains("hyperparameter 'elbo': estimator 'iwae(0)': the number of particles"), zero.getMessage());
    CheckFailed bare = assertThrows(CheckFailed.class, () -> compile(program("trace", "renyi"), Map.of()));
    assertTrue(bare.getMessage().contains("renyi(α)"), bare.getMessage());
    CheckFailed one = assertThrows(CheckFailed.class, () -> compile(program("renyi(1)", "elbo"), Map.of()));
    assertTrue(one.getMessage().contains("other than 1"), one.getMessage());
  }
}
