package org.pmm.lang.program;

import java.util.List;
import java.util.Map;
import org.pmm.lang.ast.SourceFile;
import org.pmm.lang.program.Definitions.DataInput;
import org.pmm.lang.program.Definitions.Evaluation;
import org.pmm.lang.program.Definitions.GuideDefinition;
import org.pmm.lang.program.Definitions.Hyperparameter;
import org.pmm.lang.program.Definitions.ModelDefinition;
import org.pmm.lang.program.Definitions.NetworkDefinition;
import org.pmm.lang.program.Definitions.Training;
import org.pmm.lang.vocabulary.Vocabulary;

/**
 * A {@code .pmm} program after every check passed: what an interpreter or compiler walks.
 * Maps keep declaration order. {@code sources} are the parsed files (the root last), kept so
 * that {@code Hyperparameters.override} can check the program again with new values.
 *
 * <pre>{@code
 * CheckedProgram program = ProgramChecker.checkFile(Path.of("models/pmmo.pmm"), "models/pmmo.pmm");
 * program.hyperparameters().get("hidden").value()   // IntValue[value=3000]
 * program.models().get("fusion").latentSites()      // W_t, b_t, ...
 * }</pre>
 */
public record CheckedProgram(String file, Map<String, Hyperparameter> hyperparameters, Map<String, DataInput> data,
    Map<String, ModelDefinition> models, Map<String, GuideDefinition> guides, Map<String, NetworkDefinition> networks,
    Training training, Evaluation evaluation, List<SourceFile> sources) {

  /**
   * Whether every latent site of every guide draws from a distribution with a pathwise
   * (reparameterised) sample, so that no ELBO of the program has a score-function term;
   * autoguides do. True for a program without guides.
   */
  public boolean guidesReparameterised() {
    for (GuideDefinition g : guides.values()) {
      if (g.auto() != null) {
        continue;
      }
      for (Definitions.Site site : g.sites()) {
        Vocabulary.DistributionSpec spec = Vocabulary.DISTRIBUTIONS.get(site.distribution());
        if (spec == null || !spec.reparameterised()) {
          return false;
        }
      }
    }
    return true;
  }
}
