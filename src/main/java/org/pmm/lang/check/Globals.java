package org.pmm.lang.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmm.lang.ast.Declaration;
import org.pmm.lang.ast.SourceLocation;
import org.pmm.lang.diag.Diagnostics;
import org.pmm.lang.program.Definitions;

/**
 * What every checker of one program shares: the diagnostics, the top-level declarations by
 * name, the global scope (hyperparameters and data), and the definitions checked so far.
 */
final class Globals {
  final Diagnostics diagnostics;
  final Scope scope = new Scope(null);
  final Map<String, SourceLocation> definedAt = new LinkedHashMap<>();
  final Map<String, Declaration.Function> functions = new LinkedHashMap<>();
  final Map<String, Declaration.Network> networkDeclarations = new LinkedHashMap<>();
  final Map<String, Declaration.Module> modules = new LinkedHashMap<>();
  final Map<String, Declaration.Model> modelDeclarations = new LinkedHashMap<>();
  final Map<String, Definitions.Hyperparameter> hyperparameters = new LinkedHashMap<>();
  final Map<String, Definitions.DataInput> data = new LinkedHashMap<>();
  final Map<String, Definitions.ModelDefinition> models = new LinkedHashMap<>();
  final Map<String, Definitions.NetworkDefinition> networks = new LinkedHashMap<>();
  /** Module instances of each model, so that its guide can {@code use} them. */
  final Map<String, Map<String, BodyChecker.Instance>> instances = new LinkedHashMap<>();
  /** Symbols of data shapes (N, G): bound to sizes when data is loaded. */
  final java.util.Set<String> dimensions = new java.util.LinkedHashSet<>();
  final List<String> inlineStack = new ArrayList<>();
  int uniqueCounter;

  Globals(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  void error(SourceLocation location, String message) {
    diagnostics.error(location, message);
  }

  /** Registers a top-level name; reports a duplicate and returns false if it exists. */
  boolean claim(String name, SourceLocation location) {
    SourceLocation first = definedAt.get(name);
    if (first != null) {
      error(location, "'" + name + "' is already defined at " + first);
      return false;
    }
    definedAt.put(name, location);
    return true;
  }
}
