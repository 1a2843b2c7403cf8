package org.pmm.cli;

import org.pmm.base.ExitCodes;
import org.pmm.base.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pmm.experiment.checkpoint.CheckpointDirectory;
import org.pmm.experiment.checkpoint.RunManifest;
import org.pmm.experiment.run.ExperimentRows;
import org.pmm.experiment.run.SharedTrainings;
import org.pmm.experiment.run.SystemRun;
import org.pmm.lang.check.CheckFailed;
import org.pmm.lang.check.Hyperparameters;
import org.pmm.lang.check.ProgramChecker;
import org.pmm.experiment.systems.CompiledSystems;
import org.pmm.experiment.systems.SystemConfig;
import org.pmm.lang.program.CheckedProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pmm experiment}: every row of the paper's Tables 1 and 2 and Figure 2, each compiled
 * from its {@code .pmm} model with the scale's, the row's and the user's overrides, then the
 * report. {@code --shard K/N} runs one share of the grid and {@code --merge DIR} writes the
 * report from the shares' finished cycles (docs/cli.md, shards).
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

  @Option(names = "--shard", paramLabel = "K/N|slurm",
      description = "run only the K-th of N shares of the (system, cycle) grid into --out, for"
          + " N processes or cluster tasks sharing one directory (slurm: K and N of the Slurm"
          + " array task); a share started again continues; then merge with --merge")
  String shard;

  @Option(names = "--merge", paramLabel = "DIR",
      description = "write results.json, report.md and the figures of DIR from the cycles its"
          + " shares finished (a partial report lists the missing ones); trains nothing")
  Path merge;

  @Override
  public Integer call() {
    if (merge != null) {
      return merge();
    }
    options.requireResumeDirectory();
    if (!scale.equals("quick") && !scale.equals("paper")) {
      throw new UserError("--scale must be quick or paper, got '" + scale + "'", ExitCodes.USAGE);
    }
    GridPart part = GridPart.WHOLE;
    String commandLine = TypedCommand.of(spec);
    if (shard != null) {
      part = GridPart.share(ShardOption.parse(shard, System.getenv()));
      if (options.out == null && options.resume == null) {
        throw new UserError("--shard needs --out DIR: every share of the grid writes into the"
            + " same directory", ExitCodes.USAGE);
      }
      commandLine = TypedCommand.without(spec, "--shard");
    }
    List<SystemRun.Row> rows = rows(scale, options.overrides());
    if (rows == null) {
      return ExitCodes.BAD_INPUT;
    }
    int cycles = options.cycles != null ? options.cycles : ExperimentRows.defaultCycles(scale);
    if (cycles < 1) {
      throw new UserError("--cycles must be at least 1, got " + cycles, ExitCodes.USAGE);
    }
    return RunSetup.run(options, "experiment", rows, cycles, scale, commandLine, part);
  }

  /**
   * {@code --merge DIR}: the run's scale, seed, cycles, overrides and data file come from its
   * manifest, so the rows are rebuilt as its shares built them (and checked against it).
   */
  private Integer merge() {
    for (String option : List.of("--shard", "--set", "--scale", "--cycles", "--seed", "--out",
        "--resume", "--checkpoint-every", "--skip-nonfinite")) {
      if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
        throw new UserError("--merge takes the run's settings from " + merge + "/"
            + CheckpointDirectory.NAME + "/run.json; " + option + " cannot be given with it"
            + " (--data may, when the data file has moved)", ExitCodes.USAGE);
      }
    }
    Path manifestFile = CheckpointDirectory.manifestFile(merge);
    if (!Files.isRegularFile(manifestFile)) {
      throw new UserError("cannot merge '" + merge + "': no run there (" + CheckpointDirectory.NAME
          + "/run.json is missing)");
    }
    RunManifest run;
    try {
      run = RunManifest.read(manifestFile);
    } catch (IOException e) {
      throw new UserError("cannot merge '" + merge + "': " + IoErrors.describe(e));
    }
    if (!run.command().equals("experiment") || run.scale() == null) {
      throw new UserError("cannot merge '" + merge + "': it holds a pmm " + run.command()
          + " run; --merge joins the shares of pmm experiment");
    }
    if (options.data == null) {
      options.data = Path.of(run.data().path());
      if (!Files.exists(options.data)) {
        throw new UserError("cannot merge '" + merge + "': its data file '" + options.data
            + "' does not exist here; give its path with --data");
      }
    }
    options.resume = merge;
    options.seed = run.seed();
    options.cycles = run.cycles();
    List<SystemRun.Row> rows = rows(run.scale(), run.sets());
    if (rows == null) {
      return ExitCodes.BAD_INPUT;
    }
    return RunSetup.run(options, "experiment", rows, run.cycles(), run.scale(),
        run.commandLine(), GridPart.merge(TypedCommand.of(spec)));
  }

  /**
   * Every row of the tables, compiled from its model with the scale's, the row's and the user's
   * overrides; null (after printing the errors) when a model does not check.
   */
  private List<SystemRun.Row> rows(String scale, Map<String, String> user) {
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
        SystemConfig config = CompiledSystems.config(program, kind);
        String digest = CheckpointSetup.modelDigest(program);
        rows.add(new SystemRun.Row(row.name(), row.slug(), row.model(), config,
            CompiledSystems.factory(program), digest,
            SharedTrainings.key(digest, config.resolved(), program.guidesReparameterised())));
      }
    } catch (CheckFailed failed) {
      spec.commandLine().getErr().println(failed.rendered());
      spec.commandLine().getErr().flush();
      return null;
    }
    return rows;
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
