package org.pmm.cli;

import org.pmm.base.ExitCodes;
import org.pmm.base.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pmm.experiment.run.ExperimentRows;
import org.pmm.experiment.run.SystemRun;
import org.pmm.lang.check.CheckFailed;
import org.pmm.lang.check.Hyperparameters;
import org.pmm.lang.check.ProgramChecker;
import org.pmm.experiment.systems.CompiledSystems;
import org.pmm.lang.program.CheckedProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pmm experiment}: every row of the paper's Tables 1 and 2 and Figure 2, each compiled
 * from its {@code .pmm} model with the scale's, the row's and the user's overrides, then the
 * report.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
    description = "Run all systems of the paper's tables and write the report.")
final class ExperimentCommand implements Callable<Integer> {
  @Option(names = "--scale", paramLabel = "quick|paper",
      description = "quick (default; 256 units, 10 epochs, 2 cycles) or paper (the models'"
          + " defaults, 5 cycles)")
  String scale = "quick";

  @Mixin
  RunOptions options = new RunOptions();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    options.requireResumeDirectory();
    if (!scale.equals("quick") && !scale.equals("paper")) {
      throw new UserError("--scale must be quick or paper, got '" + scale + "'", ExitCodes.USAGE);
    }
    Map<String, String> user = options.overrides();
    Path home = Path.of(System.getProperty("pmm.home", "."));
    Map<String, CheckedProgram> models = new LinkedHashMap<>();
    List<SystemRun.Row> rows = new ArrayList<>();
    try {
      for (ExperimentRows.RowSpec row : ExperimentRows.ALL) {
        if (!models.containsKey(row.model())) {
          Path file = home.resolve(row.model());
          if (!Files.isRegularFile(file)) {
            throw new UserError("model file '" + file + "' does not exist");
          }
          models.put(row.model(), ProgramChecker.checkFile(file, row.model()));
        }
      }
      checkUserNames(user, models);
      refuseDefining(user);
      for (ExperimentRows.RowSpec row : ExperimentRows.ALL) {
        CheckedProgram base = models.get(row.model());
        Map<String, String> o = new LinkedHashMap<>(ExperimentRows.scaleOverrides(scale));
        o.putAll(row.overrides());
        user.forEach((k, v) -> {
          if (base.hyperparameters().containsKey(k)) {
            o.put(k, v);
          }
        });
        o.keySet().removeIf(k -> !base.hyperparameters().containsKey(k));
        CheckedProgram program = Hyperparameters.override(base, o);
        String kind = row.model().replaceFirst("^models/", "").replaceFirst("\\.pmm$", "");
        CompiledSystems.validate(program);
        rows.add(new SystemRun.Row(row.name(), row.slug(), row.model(),
            CompiledSystems.config(program, kind), CompiledSystems.factory(program),
            CheckpointSetup.modelDigest(program)));
      }
    } catch (CheckFailed failed) {
      spec.commandLine().getErr().println(failed.rendered());
      spec.commandLine().getErr().flush();
      return ExitCodes.BAD_INPUT;
    }
    int cycles = options.cycles != null ? options.cycles : ExperimentRows.defaultCycles(scale);
    if (cycles < 1) {
      throw new UserError("--cycles must be at least 1, got " + cycles, ExitCodes.USAGE);
    }
    return RunSetup.run(options, "experiment", rows, cycles, scale, TypedCommand.of(spec));
  }

  /**
   * A --set name must be a hyperparameter of at least one model (it applies to those that
   * declare it); otherwise the front end reports it against the first model, with "did you mean".
   * Its value is checked against every model that declares it, so that a bad value is reported
   * as such (exit 1) before the row check below.
   */
  private static void checkUserNames(Map<String, String> user, Map<String, CheckedProgram> models) {
    for (Map.Entry<String, String> e : user.entrySet()) {
      Map<String, String> one = Map.of(e.getKey(), e.getValue());
      List<CheckedProgram> declaring = models.values().stream()
          .filter(p -> p.hyperparameters().containsKey(e.getKey())).toList();
      if (declaring.isEmpty()) {
        Hyperparameters.override(models.values().iterator().next(), one);
      }
      declaring.forEach(p -> Hyperparameters.override(p, one));
    }
  }

  /**
   * Refuses a --set of a hyperparameter that defines a row (docs/cli.md, {@code pmm
   * experiment}): applied to that row it would run something other than its label says, and the
   * report would present it under the wrong name.
   */
  private static void refuseDefining(Map<String, String> user) {
    for (String name : user.keySet()) {
      List<ExperimentRows.RowSpec> rows = ExperimentRows.definedBy(name);
      if (!rows.isEmpty()) {
        throw new UserError("--set " + name + " would change what defines "
            + (rows.size() == 1 ? "row " : "rows ")
            + String.join(", ", rows.stream().map(ExperimentRows.RowSpec::name).toList())
            + ": the report would show " + (rows.size() == 1 ? "it" : "them")
            + " under a label that no longer says what ran; experiment refuses --set of "
            + String.join(", ", definingNames()) + " (train one system with pmm train"
            + " MODEL.pmm --set " + name + "=...)", ExitCodes.USAGE);
      }
    }
  }

  private static List<String> definingNames() {
    return ExperimentRows.ALL.stream().flatMap(r -> r.defining().stream()).distinct().sorted()
        .toList();
  }
}
