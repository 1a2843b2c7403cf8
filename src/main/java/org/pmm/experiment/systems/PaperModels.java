package org.pmm.experiment.systems;

import java.nio.file.Path;
import java.util.Map;
import org.pmm.lang.check.ProgramChecker;
import org.pmm.lang.program.CheckedProgram;

/**
 * The paper's systems as the shipped programs {@code models/<kind>.pmm} (kind {@code pmmo},
 * {@code gmu} or {@code mmo}) under {@code pmm.home}, checked with hyperparameter overrides:
 * what {@code pmm bench} times and the probes train, so that they run the same code as {@code
 * pmm train} and {@code pmm experiment}.
 *
 * <pre>{@code
 * CheckedProgram gmu = PaperModels.check("gmu", Map.of("hidden", "1024"));
 * TrainableSystem s = PaperModels.system("gmu", Map.of("hidden", "1024"), 15552, 0);
 * }</pre>
 */
public final class PaperModels {
  private PaperModels() {}

  /** {@code models/<kind>.pmm} relative to {@code pmm.home} (the working directory by default). */
  public static Path file(String kind) {
    return Path.of(System.getProperty("pmm.home", ".")).resolve("models").resolve(kind + ".pmm");
  }

  /**
   * The checked program with {@code overrides} in force.
   *
   * @throws org.pmm.base.UserError when the file is missing, does not check, or an override
   *     names no hyperparameter of it
   */
  public static CheckedProgram check(String kind, Map<String, String> overrides) {
    return ProgramChecker.checkFile(file(kind), "models/" + kind + ".pmm", overrides);
  }

  /** A fresh compiled system of the checked program for {@code trainRows} training rows. */
  public static CompiledSystem system(String kind, Map<String, String> overrides, long trainRows,
      long seed) {
    return new CompiledSystem(check(kind, overrides), trainRows, seed);
  }
}
