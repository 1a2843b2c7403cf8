package org.pmm.lang.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.infer.ElboResult;
import org.pmm.lang.check.ProgramChecker;

/**
 * A compiled {@code elbo(...)} objective reports its loss's parts per datum, like the loss: at
 * step 0 of {@code annealed_meanfield} with {@code kl_lambda: 0.25}, β = 0.25, so kl_beta is
 * 0.25·Σ_j KL(N(0.3, 0.4²) ‖ N(μ0_j, 2²)) / 4 and the L2 penalty 0.1·(0.3² + 0.3²) / 4, N = 4
 * rows; nll is the rest of the loss.
 */
class ElboObjectivePartsTest {
  private static final String PROGRAM = String.join("\n",
      "hyper {", "  lr = 0.01", "  epochs = 10", "}",
      "data {", "  x: real[4, 2] = [[-0.1, 0.3], [0, 0.4], [0.2, 0.5], [0.1, 0.7]]", "}",
      "model posterior {", "  z ~ Normal([0, 0.5], 2.0)", "  plate rows(4) {",
      "    x ~ Normal(z, 0.5)", "  }", "}",
      "guide posterior {", "  param z_loc[2] = 0.3", "  param z_scale[2] > 0 = 0.4",
      "  z ~ Normal(z_loc, z_scale)", "}",
      "train {", "  epochs = epochs",
      "  objective posterior: elbo(posterior, estimator: annealed_meanfield, kl_lambda: 0.25,"
          + " anneal_epochs: 5, l2: 0.1) using Adam(lr)", "}", "");

  @TempDir
  Path tmp;

  @Test
  void theObjectivesPartsArePerDatumAndSumToItsLoss() throws IOException {
    Path file = Files.writeString(tmp.resolve("parts.pmm"), PROGRAM);
    CompiledProgram program = CompiledProgram.compile(
        ProgramChecker.checkFile(file, "parts.pmm", Map.of()), 1, Map.of());
    double loss = program.step(program.inlineData(), 0);

    double kl = 0;
    for (double mu0 : new double[] {0, 0.5}) {
      kl += Math.log(2.0 / 0.4) + (0.4 * 0.4 + (0.3 - mu0) * (0.3 - mu0)) / (2 * 2.0 * 2.0) - 0.5;
    }
    Map<String, Double> parts = program.lastLossParts().get("posterior");
    assertEquals(List.of(ElboResult.NLL, ElboResult.KL_BETA, ElboResult.PENALTY),
        List.copyOf(parts.keySet()));
    assertEquals(0.25 * kl / 4, parts.get(ElboResult.KL_BETA), 1e-5);
    assertEquals(0.1 * (0.09 + 0.09) / 4, parts.get(ElboResult.PENALTY), 1e-6);
    assertEquals(loss, program.lastLosses().get("posterior"), 0.0);
    double sum = parts.values().stream().mapToDouble(Double::doubleValue).sum();
    assertEquals(loss, sum, 1e-5 * Math.max(1, Math.abs(loss)));
  }
}
