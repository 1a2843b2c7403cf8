package org.pmm.experiment.systems;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pmm.experiment.systems.SystemConfig;
import org.pmm.experiment.systems.SystemFactory;
import org.pmm.lang.program.CheckedProgram;
import org.pmm.lang.program.Definitions;
import org.pmm.lang.program.HyperValue;
import org.pmm.lang.program.ResolvedExpr;
import org.pmm.lang.program.ResolvedStatement;

/**
 * What the experiment loop needs from a checked program: a {@link SystemFactory} of
 * {@link CompiledSystem}s and the {@link SystemConfig} the loop reads (epochs, batch size,
 * threshold, selection, split) and reports (every hyperparameter, resolved).
 *
 * <pre>{@code
 * CheckedProgram p = ProgramChecker.checkFile(path, "models/gmu.pmm", overrides);
 * CompiledSystems.validate(p);
 * SystemConfig config = CompiledSystems.config(p, "gmu");
 * SystemFactory factory = CompiledSystems.factory(p);
 * }</pre>
 */
public final class CompiledSystems {
  private CompiledSystems() {}

  /** Builds one system to surface compile errors before any training starts. */
  /**
   * Whether the program is an MM-IMDb system: some data entry that is not inline reads one of
   * the MM-IMDb datasets ({@code features}, {@code vgg_features}, {@code genres}). Other programs
   * train on their own data ({@code org.pmm.fit}).
   */
  public static boolean readsMmImdb(CheckedProgram program) {
    return program.data().values().stream().anyMatch(d -> !d.inline() && d.dataset() != null
        && java.util.Arrays.stream(org.pmm.data.Source.values())
            .anyMatch(s -> s.dataset().equals(d.dataset())));
  }

  public static void validate(CheckedProgram program) {
    new CompiledSystem(program, 1, 0);
  }

  public static SystemFactory factory(CheckedProgram program) {
    return (config, trainRows, seed) -> new CompiledSystem(program, trainRows, seed);
  }

  /**
   * The program's hyperparameters with their values in force, then what the program says
   * directly: {@code train { epochs }}, the eval settings (threshold, select, split,
   * split_seed, predict_samples) and the batch size (the subsample of the first data plate).
   */
  public static SystemConfig config(CheckedProgram program, String kind) {
    try {
      return configOf(program, kind);
    } catch (IllegalArgumentException e) {
      throw new org.pmm.base.UserError(kind + ": " + e.getMessage());
    }
  }

  private static SystemConfig configOf(CheckedProgram program, String kind) {
    Map<String, Object> values = new LinkedHashMap<>();
    // in the model's order: the checked program's map has none
    program.hyperparameters().values().stream()
        .sorted(Comparator.comparing((Definitions.Hyperparameter h) -> h.location().file())
            .thenComparingInt(h -> h.location().line())
            .thenComparingInt(h -> h.location().column()))
        .forEach(h -> values.put(h.name(), javaValue(h.value())));
    if (program.training() != null) {
      setting(program.training().settings().get("epochs"), "epochs", values);
    }
    if (program.evaluation() != null) {
      for (String s : new String[] {"threshold", "select", "split", "split_seed", "predict_samples"}) {
        setting(program.evaluation().settings().get(s), s, values);
      }
    }
    for (Definitions.ModelDefinition m : program.models().values()) {
      for (ResolvedStatement s : m.body()) {
        if (s instanceof ResolvedStatement.Plate p && p.subsample() != null) {
          setting(p.subsample(), "batch_size", values);
          return SystemConfig.fromMap(kind, values);
        }
      }
    }
    return SystemConfig.fromMap(kind, values);
  }

  /** "PM+MO", "GMU baseline", "M+MO" for the paper's files, else the eval name or the kind. */
  public static String displayName(CheckedProgram program, String kind) {
    if (program.evaluation() != null
        && program.evaluation().settings().get("name") instanceof ResolvedExpr.Text t) {
      return t.value();
    }
    return switch (kind) {
      case "pmmo" -> "PM+MO";
      case "gmu" -> "GMU baseline";
      case "mmo" -> "M+MO";
      default -> kind;
    };
  }

  private static void setting(ResolvedExpr e, String name, Map<String, Object> values) {
    if (e instanceof ResolvedExpr.HyperRef h) {
      values.put(name, javaValue(h.value()));
    } else if (e instanceof ResolvedExpr.Constant c) {
      values.put(name, c.integer() ? (Object) (long) c.value() : (Object) c.value());
    } else if (e instanceof ResolvedExpr.Symbol s) {
      values.put(name, s.value());
    } else if (e instanceof ResolvedExpr.Text t) {
      values.put(name, t.value());
    } else if (e instanceof ResolvedExpr.Flag f) {
      values.put(name, f.value());
    }
  }

  private static Object javaValue(HyperValue v) {
    if (v instanceof HyperValue.IntValue i) {
      return i.value();
    } else if (v instanceof HyperValue.RealValue r) {
      return r.value();
    } else if (v instanceof HyperValue.BoolValue b) {
      return b.value();
    }
    return v.toString();
  }
}
