package org.pmm.lang.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmm.lang.check.ProgramChecker;
import org.pmm.lang.program.CheckedProgram;

/** The shipped conjugate models, compiled and trained with SVI, reach their analytic posteriors. */
class ConjugateProgramTest {

  static CompiledProgram compile(String file, Map<String, String> overrides, long seed) {
    CheckedProgram checked = ProgramChecker.checkFile(Path.of(file), file, overrides);
    return CompiledProgram.compile(checked, seed, Map.of());
  }

  /**
   * Trains in phases of (learning rate, steps), a step-wise decaying schedule: each phase
   * compiles the file with {@code --set lr=... --set epochs=...} and starts from the previous
   * phase's parameters (the Java version decays ClippedAdam's rate instead).
   */
  static CompiledProgram train(String file, long seed, double[][] phases) {
    CompiledProgram previous = null;
    long step = 0;
    for (double[] phase : phases) {
      CompiledProgram p = compile(file, Map.of("lr", Double.toString(phase[0]),
          "epochs", Long.toString((long) phase[1])), seed);
      if (previous != null) {
        previous.store().entries().forEach((name, e) ->
            p.store().put(name, e.unconstrained().value().dup(), e.constraint()));
      }
      for (int i = 0; i < p.epochs(); i++) {
        p.step(p.inlineData(), step++);
      }
      previous = p;
    }
    return previous;
  }

  /** Posterior N(mean, 1/precision), precision 0.1 + 4τ, mean (0.1·μ0 + τ·Σx)/precision. */
  @Test
  void normalNormalReachesThePosterior() {
    CompiledProgram p = train("models/normal_normal.pmm", 0, new double[][] {{0.05, 400}, {0.005, 300}});
    double[] loc = p.store().constrained("posterior.z_loc").toDoubleVector();
    double[] scale = p.store().constrained("posterior.z_scale").toDoubleVector();
    double[] expectedLoc = {0.0497925, 0.4751553};
    double[] expectedLogScale = {-1.5911059, -1.3894096};
    double sse = 0;
    for (int i = 0; i < 2; i++) {
      sse += Math.pow(loc[i] - expectedLoc[i], 2) + Math.pow(Math.log(scale[i]) - expectedLogScale[i], 2);
    }
    double error = sse;
    assertTrue(error <= 0.05, () -> "sum of squared errors " + error + ": loc "
        + java.util.Arrays.toString(loc) + " scale " + java.util.Arrays.toString(scale));
  }

  /** p ~ Beta(1, 1), flips [0, 1, 1, 1]: the posterior is Beta(4, 2). */
  @Test
  void betaBernoulliReachesThePosterior() {
    CompiledProgram p = train("models/beta_bernoulli.pmm", 1, new double[][] {{0.1, 1600}, {0.01, 400}, {0.002, 200}});
    double alpha = p.store().constrained("coin.alpha_q").getDouble(0);
    double beta = p.store().constrained("coin.beta_q").getDouble(0);
    assertEquals(Math.log(4), Math.log(alpha), 0.08, "alpha " + alpha + ", beta " + beta);
    assertEquals(Math.log(2), Math.log(beta), 0.08, "alpha " + alpha + ", beta " + beta);
  }
}
