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
    Training training, Evaluation evaluation, List<SourceFile> sources) {}
