package org.pmm.lang.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmm.lang.ast.Declaration;
import org.pmm.lang.ast.Expr;
import org.pmm.lang.ast.SourceFile;
import org.pmm.lang.ast.SourceLocation;
import org.pmm.lang.diag.Diagnostics;
import org.pmm.base.SpellingSuggestions;
import org.pmm.lang.program.CheckedProgram;
import org.pmm.lang.program.Definitions;
import org.pmm.lang.program.HyperValue;
import org.pmm.lang.program.ResolvedExpr;
import org.pmm.lang.vocabulary.Vocabulary;

/**
 * The front end in one call: load a file and its imports, parse, check, and return the
 * {@link CheckedProgram}, or throw {@link CheckFailed} with every error found.
 *
 * <pre>{@code
 * CheckedProgram program = ProgramChecker.checkFile(Path.of("models/pmmo.pmm"), "models/pmmo.pmm", Map.of("hidden", "1024"));
 * }</pre>
 */
public final class ProgramChecker {
  private ProgramChecker() {}

  public static CheckedProgram checkFile(Path path, String display) {
    return checkFile(path, display, Map.of());
  }

  /** Checks a file with hyperparameter overrides ({@code --set name=value}). */
  public static CheckedProgram checkFile(Path path, String display, Map<String, String> overrides) {
    return CheckThread.run(() -> {
      Diagnostics diagnostics = new Diagnostics();
      Map<String, String> texts = new LinkedHashMap<>();
      List<SourceFile> sources = new ProgramLoader(diagnostics, texts).load(path, display);
      if (diagnostics.hasErrors()) {
        throw new CheckFailed(diagnostics, texts);
      }
      return check(sources, overrides, diagnostics, texts);
    });
  }

  /** Checks already parsed sources again, with other overrides. */
  static CheckedProgram recheck(List<SourceFile> sources, Map<String, String> overrides) {
    return CheckThread.run(() -> {
      Map<String, String> texts = new LinkedHashMap<>();
      sources.forEach(s -> texts.put(s.displayPath(), s.text()));
      return check(sources, overrides, new Diagnostics(), texts);
    });
  }

  private static CheckedProgram check(List<SourceFile> sources, Map<String, String> overrides, Diagnostics diagnostics,
      Map<String, String> texts) {
    SourceFile root = sources.get(sources.size() - 1);
    Globals globals = new Globals(diagnostics, root.displayPath());
    ExpressionChecker expressions = new ExpressionChecker(globals);
    List<Declaration> own = new ArrayList<>();
    for (SourceFile source : sources) {
      for (Declaration declaration : source.declarations()) {
        if (source != root && !(declaration instanceof Declaration.Import || declaration instanceof Declaration.Function
            || declaration instanceof Declaration.Network || declaration instanceof Declaration.Module)) {
          diagnostics.error(declaration.location(), "an imported file may only declare functions, networks and modules");
          continue;
        }
        register(globals, declaration);
        if (source == root) {
          own.add(declaration);
        }
      }
    }
    for (Declaration declaration : own) {
      if (declaration instanceof Declaration.Hyper hyper) {
        hyperparameters(globals, hyper);
      }
    }
    applyOverrides(globals, overrides, root.displayPath());
    for (Declaration declaration : own) {
      if (declaration instanceof Declaration.Data data) {
        new DataChecker(globals, expressions).check(data);
      }
    }
    for (Declaration.Model model : globals.modelDeclarations.values()) {
      globals.models.put(model.name(), BodyChecker.model(globals, expressions, model));
    }
    Map<String, Definitions.GuideDefinition> guides = new LinkedHashMap<>();
    Definitions.Training training = null;
    Definitions.Evaluation evaluation = null;
    for (Declaration declaration : own) {
      if (declaration instanceof Declaration.Guide guide) {
        Definitions.ModelDefinition model = globals.models.get(guide.name());
        if (model == null) {
          diagnostics.error(guide.location(), "guide '" + guide.name() + "' has no model of the same name"
              + SpellingSuggestions.didYouMean(guide.name(), globals.models.keySet()));
        } else if (guides.containsKey(guide.name())) {
          diagnostics.error(guide.location(), "duplicate guide '" + guide.name() + "'");
        } else {
          guides.put(guide.name(), BodyChecker.guide(globals, expressions, guide, model));
        }
      }
    }
    TrainChecker train = new TrainChecker(globals, expressions, guides);
    for (Declaration declaration : own) {
      if (declaration instanceof Declaration.Train t) {
        if (training != null) {
          diagnostics.error(t.location(), "a file has at most one train block");
        } else {
          training = train.train(t);
        }
      } else if (declaration instanceof Declaration.Eval e) {
        if (evaluation != null) {
          diagnostics.error(e.location(), "a file has at most one eval block");
        } else {
          evaluation = train.eval(e);
        }
      }
    }
    if (diagnostics.hasErrors()) {
      throw new CheckFailed(diagnostics, texts);
    }
    return new CheckedProgram(root.displayPath(), Map.copyOf(globals.hyperparameters), globals.data, globals.models,
        guides, globals.networks, training, evaluation, List.copyOf(sources));
  }

  private static void register(Globals globals, Declaration declaration) {
    if (declaration instanceof Declaration.Function f && notBuiltin(globals, f.name(), f.location())
        && globals.claim(f.name(), f.location())) {
      globals.functions.put(f.name(), f);
    } else if (declaration instanceof Declaration.Network n && notBuiltin(globals, n.name(), n.location())
        && globals.claim(n.name(), n.location())) {
      globals.networkDeclarations.put(n.name(), n);
    } else if (declaration instanceof Declaration.Module m && globals.claim(m.name(), m.location())) {
      globals.modules.put(m.name(), m);
      if (m.model() == null) {
        globals.error(m.location(), "module '" + m.name() + "' has no model part: module " + m.name() + "(...) { model { ... } guide { ... } }");
      }
    } else if (declaration instanceof Declaration.Model m && globals.claim(m.name(), m.location())) {
      globals.modelDeclarations.put(m.name(), m);
    }
  }

  private static boolean notBuiltin(Globals globals, String name, SourceLocation location) {
    if (Vocabulary.BUILTINS.containsKey(name) || Vocabulary.LAYERS.containsKey(name)
        || Vocabulary.DISTRIBUTIONS.containsKey(name)) {
      globals.error(location, "'" + name + "' is a built-in name and cannot be redefined");
      return false;
    }
    return true;
  }

  private static void hyperparameters(Globals globals, Declaration.Hyper hyper) {
    for (Declaration.HyperEntry entry : hyper.entries()) {
      HyperValue value = hyperValue(globals, entry);
      if (!globals.claim(entry.name(), entry.location())) {
        continue;
      }
      if (value == null) {
        // reported already: its uses resolve to an invalid value that reports nothing more
        globals.scope.define(entry.name(), new Scope.Entry("hyperparameter", entry.location(),
            at -> new ResolvedExpr.Invalid(at)));
        continue;
      }
      globals.hyperparameters.put(entry.name(), new Definitions.Hyperparameter(entry.name(), entry.location(), value, value));
    }
  }

  private static HyperValue hyperValue(Globals globals, Declaration.HyperEntry entry) {
    Expr value = entry.value();
    if (value instanceof Expr.Number n) {
      // A whole number from its text: a double holds integers exactly only up to 2^53.
      return n.integer() ? new HyperValue.IntValue(Long.parseLong(n.text())) : new HyperValue.RealValue(n.value());
    } else if (value instanceof Expr.Text t) {
      return new HyperValue.TextValue(t.value());
    } else if (value instanceof Expr.Bool b) {
      return new HyperValue.BoolValue(b.value());
    }
    String symbol = ((Expr.Reference) value).dotted();
    if (symbol.contains("(") || "estimator".equals(Vocabulary.enumerationOf(symbol))) {
      java.util.Optional<String> problem = org.pmm.infer.Elbos.problem(symbol);
      if (problem.isPresent()) {
        globals.error(value.location(), problem.get() + " (hyperparameter '" + entry.name() + "')");
        return null;
      }
    }
    String enumeration = Vocabulary.enumerationOf(symbol);
    if (enumeration == null) {
      globals.error(value.location(), "unknown value '" + symbol + "' for hyperparameter '" + entry.name() + "'"
          + SpellingSuggestions.didYouMean(symbol, Vocabulary.allSymbols()) + " (" + symbolChoices(symbol) + ")");
      return null;
    }
    return new HyperValue.SymbolValue(symbol, enumeration);
  }

  /**
   * The symbols a misspelt one was probably meant to be: those of the enumeration its closest
   * match belongs to ("estimators: trace, tracegraph, ..."), or every enumeration by name.
   */
  private static String symbolChoices(String symbol) {
    String meant = SpellingSuggestions.closest(symbol, Vocabulary.allSymbols())
        .map(Vocabulary::enumerationOf).orElse(null);
    if (meant != null) {
      List<String> values = meant.equals("estimator") ? org.pmm.infer.Elbos.usages()
          : Vocabulary.ENUMERATIONS.get(meant);
      return meant + " values: " + String.join(", ", values);
    }
    List<String> groups = new ArrayList<>();
    Vocabulary.ENUMERATIONS.forEach((name, values) -> groups.add(name + ": " + String.join(", ", values)));
    java.util.Collections.sort(groups);
    return "a symbol is one of " + String.join("; ", groups);
  }

  private static void applyOverrides(Globals globals, Map<String, String> overrides, String file) {
    SourceLocation where = Ranges.SET_FLAG;
    for (Map.Entry<String, String> override : overrides.entrySet()) {
      Definitions.Hyperparameter hyper = globals.hyperparameters.get(override.getKey());
      if (hyper == null) {
        globals.error(where, "unknown hyperparameter '" + override.getKey() + "' for " + file
            + SpellingSuggestions.didYouMean(override.getKey(), globals.hyperparameters.keySet()));
        continue;
      }
      String unrepresentable = HyperValues.numberProblem(hyper.defaultValue(), override.getValue());
      if (unrepresentable != null) {
        globals.error(where, "hyperparameter '" + override.getKey() + "': " + unrepresentable);
        continue;
      }
      HyperValue value = HyperValues.parse(hyper.defaultValue(), override.getValue());
      if (value == null && hyper.defaultValue() instanceof HyperValue.SymbolValue symbol
          && symbol.enumeration().equals("estimator")) {
        globals.error(where, "hyperparameter '" + override.getKey() + "': "
            + org.pmm.infer.Elbos.problem(override.getValue()).orElse("not an estimator"));
        continue;
      }
      if (value == null) {
        globals.error(where, "hyperparameter '" + override.getKey() + "' takes " + HyperValues.describe(hyper.defaultValue())
            + ", not '" + override.getValue() + "'");
        continue;
      }
      globals.overridden.add(hyper.name());
      globals.hyperparameters.put(hyper.name(), new Definitions.Hyperparameter(hyper.name(), hyper.location(),
          hyper.defaultValue(), value));
    }
    for (Definitions.Hyperparameter hyper : globals.hyperparameters.values()) {
      globals.scope.define(hyper.name(), new Scope.Entry("hyperparameter", hyper.location(),
          at -> new ResolvedExpr.HyperRef(at, hyper.name(), hyper.value())));
    }
  }
}
