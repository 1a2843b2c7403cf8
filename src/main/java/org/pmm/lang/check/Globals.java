package org.pmm.lang.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmm.lang.ast.Declaration;
import org.pmm.lang.ast.SourceLocation;
import org.pmm.lang.diag.Diagnostic;
import org.pmm.lang.diag.Diagnostics;
import org.pmm.lang.program.Definitions;

/**
 * What every checker of one program shares: the diagnostics, the top-level declarations by
 * name, the global scope (hyperparameters and data), and the definitions checked so far.
 */
final class Globals {
  final Diagnostics diagnostics;
  /** The file being checked, as displayed; the others are its imports. */
  final String rootFile;
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
  /** Hyperparameters given with {@code --set}, and those already reported out of range. */
  final java.util.Set<String> overridden = new java.util.HashSet<>();
  final java.util.Set<String> outOfRange = new java.util.HashSet<>();
  final Ranges ranges = new Ranges(this);
  final List<String> inlineStack = new ArrayList<>();
  int uniqueCounter;
  /** The expansions in progress, outermost first: what is expanded and where it is called. */
  private final List<Frame> frames = new ArrayList<>();
  /** Work done by the outermost expansion in progress, and by all expansions of the program. */
  private long expandedHere;
  private long expandedInAll;
  private boolean expansionStopped;

  /** One expansion in progress: {@code function 'affine'} called at {@code call}. */
  record Frame(SourceLocation call, String what) {}

  /**
   * Layers, function calls and module statements that one call may expand to. Networks and
   * functions that use the next level twice double at every level; the limit keeps the checker's
   * time and memory bounded (24 doubling levels are 16 million layers).
   */
  static final long EXPANSION_LIMIT = 100_000;
  /** The same for the whole program, which may call many expansions each under the limit. */
  static final long PROGRAM_EXPANSION_LIMIT = 10 * EXPANSION_LIMIT;

  Globals(Diagnostics diagnostics, String rootFile) {
    this.diagnostics = diagnostics;
    this.rootFile = rootFile;
  }

  /**
   * Reports an error. One found in an imported file while expanding a call of the user's file
   * is reported at that call, the user's line, with the imported lines as notes: the place in
   * the imported body, then the calls that led there.
   */
  void error(SourceLocation location, String message) {
    error(location, message, List.of());
  }

  void error(SourceLocation location, String message, List<Diagnostic.Note> notes) {
    int caller = frames.size() - 1;
    while (caller >= 0 && !frames.get(caller).call().file().equals(rootFile)) {
      caller--;
    }
    if (location.line() <= 0 || location.file().equals(rootFile) || caller < 0) {
      diagnostics.error(new Diagnostic(location, message, notes));
      return;
    }
    List<Diagnostic.Note> trail = new ArrayList<>(notes);
    trail.add(new Diagnostic.Note(location, "in " + frames.get(frames.size() - 1).what()));
    for (int i = frames.size() - 1; i > caller; i--) {
      trail.add(new Diagnostic.Note(frames.get(i).call(), "called here, in " + frames.get(i - 1).what()));
    }
    diagnostics.error(new Diagnostic(frames.get(caller).call(), message, trail));
  }

  /** Starts expanding {@code what} (a network, function or module) called at {@code call}. */
  void enter(SourceLocation call, String what) {
    if (frames.isEmpty()) {
      expandedHere = 0;
    }
    frames.add(new Frame(call, what));
  }

  void leave() {
    frames.remove(frames.size() - 1);
  }

  /**
   * Counts {@code units} of expansion work; false once a limit is passed, after one error at the
   * outermost call naming what it expands. Every expansion after that is skipped.
   */
  boolean expand(int units) {
    if (expansionStopped) {
      return false;
    }
    expandedHere += units;
    expandedInAll += units;
    if (expandedHere <= EXPANSION_LIMIT && expandedInAll <= PROGRAM_EXPANSION_LIMIT) {
      return true;
    }
    expansionStopped = true;
    Frame outermost = frames.get(0);
    error(outermost.call(), expandedHere > EXPANSION_LIMIT
        ? outermost.what() + " is too large: it expands to more than " + EXPANSION_LIMIT
            + " layers, function calls and module statements (each level that uses the next twice doubles it)"
        : "the program is too large: its networks, functions and modules expand to more than "
            + PROGRAM_EXPANSION_LIMIT + " layers, function calls and module statements (stopped at "
            + outermost.what() + ")");
    return false;
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
