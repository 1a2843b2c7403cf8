package org.pmm.lang.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmm.lang.ast.Argument;
import org.pmm.lang.ast.Declaration;
import org.pmm.lang.ast.SourceLocation;
import org.pmm.lang.ast.Statement;
import org.pmm.base.SpellingSuggestions;
import org.pmm.lang.program.Definitions;
import org.pmm.lang.program.Dim;
import org.pmm.lang.program.ParamConstraint;
import org.pmm.lang.program.ResolvedExpr;
import org.pmm.lang.program.ResolvedStatement;
import org.pmm.lang.program.Shape;
import org.pmm.lang.vocabulary.Vocabulary;

/**
 * Checks one model or guide body, expanding module instances ({@code use}) in place with
 * qualified names. One instance checks one body; its tables become the definition.
 */
final class BodyChecker {

  /** A module instantiated by a model, with its arguments bound, for its guide to reuse. */
  record Instance(String name, Declaration.Module module, Scope arguments, SourceLocation location) {}

  private final Globals globals;
  private final ExpressionChecker expressions;
  private final boolean guide;
  private final String owner;
  private final Map<String, SourceLocation> definedHere = new LinkedHashMap<>();
  private final Map<String, Definitions.Site> latent = new LinkedHashMap<>();
  /** Every sample site a statement named, checked or not (those in error are reported there). */
  private final java.util.Set<String> attempted = new java.util.HashSet<>();
  private final Map<String, Definitions.Site> observed = new LinkedHashMap<>();
  private final List<Definitions.Parameter> parameters = new ArrayList<>();
  private final Map<String, Shape> locals = new LinkedHashMap<>();
  private final Map<String, Instance> instances = new LinkedHashMap<>();
  private final Definitions.ModelDefinition model;
  private final Map<String, Instance> modelInstances;

  private BodyChecker(Globals globals, ExpressionChecker expressions, String owner, Definitions.ModelDefinition model,
      Map<String, Instance> modelInstances) {
    this.globals = globals;
    this.expressions = expressions;
    this.owner = owner;
    this.guide = model != null;
    this.model = model;
    this.modelInstances = modelInstances;
  }

  static Definitions.ModelDefinition model(Globals globals, ExpressionChecker expressions, Declaration.Model declaration) {
    BodyChecker checker = new BodyChecker(globals, expressions, "model '" + declaration.name() + "'", null, null);
    Scope scope = new Scope(globals.scope);
    List<ResolvedStatement> body = checker.statements(declaration.body(), scope, "", new ArrayList<>(), new ArrayList<>());
    globals.instances.put(declaration.name(), checker.instances);
    return new Definitions.ModelDefinition(declaration.name(), declaration.location(), body,
        List.copyOf(checker.latent.values()), List.copyOf(checker.observed.values()), List.copyOf(checker.parameters),
        Map.copyOf(checker.locals));
  }

  static Definitions.GuideDefinition guide(Globals globals, ExpressionChecker expressions, Declaration.Guide declaration,
      Definitions.ModelDefinition model) {
    if (declaration.auto() != null) {
      return autoGuide(globals, declaration, model);
    }
    BodyChecker checker = new BodyChecker(globals, expressions, "guide '" + declaration.name() + "'", model,
        globals.instances.getOrDefault(model.name(), Map.of()));
    Scope scope = new Scope(globals.scope);
    List<ResolvedStatement> body = checker.statements(declaration.body(), scope, "", new ArrayList<>(), new ArrayList<>());
    for (Definitions.Site site : model.latentSites()) {
      // a site whose statement is in error was reported there: not also as missing
      if (!checker.latent.containsKey(site.name()) && !checker.attempted.contains(site.name())) {
        globals.error(declaration.location(), "guide '" + declaration.name() + "' does not sample latent site '"
            + site.name() + "' of model '" + model.name() + "'");
      }
    }
    return new Definitions.GuideDefinition(declaration.name(), declaration.location(), body,
        List.copyOf(checker.latent.values()), List.copyOf(checker.parameters), null);
  }

  /**
   * {@code guide m = auto_normal}: a known autoguide, and a model whose latent sites it can
   * approximate (continuous ones: it maps a Normal onto each site's support).
   */
  private static Definitions.GuideDefinition autoGuide(Globals globals, Declaration.Guide declaration,
      Definitions.ModelDefinition model) {
    String kind = declaration.auto();
    if (!Vocabulary.AUTOGUIDES.contains(kind)) {
      globals.error(declaration.location(), "unknown autoguide '" + kind + "' (autoguides: "
          + String.join(", ", Vocabulary.AUTOGUIDES) + ")" + SpellingSuggestions.didYouMean(kind, Vocabulary.AUTOGUIDES));
    }
    for (Definitions.Site site : model.latentSites()) {
      String support = Vocabulary.DISTRIBUTIONS.get(site.distribution()).support();
      if (support.equals("binary") || support.equals("int")) {
        globals.error(site.location(), kind + " (guide '" + declaration.name() + "') cannot guide the discrete site '"
            + site.name() + "' (" + site.distribution() + "): write a guide body for this model");
      }
    }
    return new Definitions.GuideDefinition(declaration.name(), declaration.location(), List.of(),
        model.latentSites(), List.of(), kind);
  }

  private List<ResolvedStatement> statements(List<Statement> statements, Scope scope, String prefix, List<Dim> plates,
      List<String> plateNames) {
    List<ResolvedStatement> out = new ArrayList<>();
    for (Statement statement : statements) {
      if (statement instanceof Statement.Assign assign) {
        ResolvedExpr value = expressions.value(assign.value(), scope, plates);
        String name = prefix + assign.name();
        if (define(scope, prefix, assign.name(), "local", assign.location(),
            at -> new ResolvedExpr.LocalRef(at, name, value.shape()))) {
          locals.put(name, value.shape());
        }
        out.add(new ResolvedStatement.Assign(assign.location(), name, value));
      } else if (statement instanceof Statement.Sample sample) {
        addIfValid(out, sample(sample, scope, prefix, plates, plateNames));
      } else if (statement instanceof Statement.Param param) {
        ResolvedStatement resolved = new ParamChecker(globals, expressions).check(param, scope, prefix, plates);
        if (resolved instanceof ResolvedStatement.Param p && define(scope, prefix, param.name(), "parameter",
            param.location(), at -> new ResolvedExpr.ParamRef(at, p.name(), p.shape()))) {
          parameters.add(new Definitions.Parameter(p.name(), p.location(), p.shape(), p.constraint()));
          out.add(resolved);
        }
      } else if (statement instanceof Statement.Plate plate) {
        addIfValid(out, plate(plate, scope, prefix, plates, plateNames));
      } else if (statement instanceof Statement.Use use) {
        out.addAll(use(use, scope, prefix, plates, plateNames));
      } else {
        globals.error(statement.location(), "'return' belongs in a function, not in " + owner);
      }
    }
    return out;
  }

  private static void addIfValid(List<ResolvedStatement> out, ResolvedStatement statement) {
    if (statement != null) {
      out.add(statement);
    }
  }

  /** Defines a name in the body; the qualified name is also visible to the enclosing model. */
  private boolean define(Scope scope, String prefix, String name, String kind, SourceLocation at,
      java.util.function.Function<SourceLocation, ResolvedExpr> resolve) {
    String qualified = prefix + name;
    SourceLocation first = definedHere.get(qualified);
    if (first != null) {
      globals.error(at, "'" + qualified + "' is already defined in " + owner + " at " + first);
      return false;
    }
    Scope.Entry global = globals.scope.lookup(name);
    if (prefix.isEmpty() && global != null) {
      globals.error(at, "'" + name + "' is already a " + global.kind() + " (declared at " + global.definedAt() + ")");
      return false;
    }
    definedHere.put(qualified, at);
    Scope.Entry entry = new Scope.Entry(kind, at, resolve);
    scope.define(name, entry);
    if (!prefix.isEmpty()) {
      rootScope(scope).define(qualified, entry);
    }
    return true;
  }

  private Scope rootScopeOfModel;

  private Scope rootScope(Scope scope) {
    return rootScopeOfModel == null ? scope : rootScopeOfModel;
  }

  private ResolvedStatement sample(Statement.Sample sample, Scope scope, String prefix, List<Dim> plates,
      List<String> plateNames) {
    attempted.add(prefix + sample.name());
    ResolvedExpr value = expressions.check(sample.distribution(), scope, plates);
    if (value instanceof ResolvedExpr.Invalid) {
      return null;
    }
    if (!(value instanceof ResolvedExpr.Distribution distribution)) {
      globals.error(sample.distribution().location(), "the right side of '~' must be a distribution, such as Normal(0, 1)");
      return null;
    }
    String name = prefix + sample.name();
    Definitions.DataInput data = prefix.isEmpty() ? globals.data.get(sample.name()) : null;
    if (data != null) {
      return observe(sample, distribution, data, plates, plateNames);
    }
    if (guide) {
      checkAgainstModel(sample, name, distribution);
    }
    if (!define(scope, prefix, sample.name(), "sample site", sample.location(),
        at -> new ResolvedExpr.SiteRef(at, name, distribution.shape()))) {
      return null;
    }
    latent.put(name, new Definitions.Site(name, sample.location(), distribution.shape(), distribution.spec().name(),
        List.copyOf(plateNames)));
    return new ResolvedStatement.Sample(sample.location(), name, distribution, null, List.copyOf(plateNames));
  }

  private void checkAgainstModel(Statement.Sample sample, String name, ResolvedExpr.Distribution distribution) {
    boolean isObserved = model.observedSites().stream().anyMatch(s -> s.name().equals(name));
    Definitions.Site site = model.latentSites().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    if (isObserved) {
      globals.error(sample.location(), "'" + name + "' is observed in model '" + model.name()
          + "'; a guide samples only latent sites");
    } else if (site == null) {
      List<String> names = model.latentSites().stream().map(Definitions.Site::name).toList();
      globals.error(sample.location(), "model '" + model.name() + "' has no latent site '" + name + "'"
          + SpellingSuggestions.didYouMean(name, names));
    } else if (site.shape().known() && distribution.shape().known() && !site.shape().equals(distribution.shape())) {
      globals.error(sample.location(), "guide site '" + name + "' has shape " + distribution.shape()
          + " but the model's site has shape " + site.shape());
    }
  }

  private ResolvedStatement observe(Statement.Sample sample, ResolvedExpr.Distribution distribution,
      Definitions.DataInput data, List<Dim> plates, List<String> plateNames) {
    String name = sample.name();
    if (guide) {
      globals.error(sample.location(), "'" + name + "' is a data input; a guide samples only latent sites");
      return null;
    }
    if (definedHere.containsKey(name)) {
      globals.error(sample.location(), "'" + name + "' is already defined in " + owner + " at " + definedHere.get(name));
      return null;
    }
    definedHere.put(name, sample.location());
    Shape dataShape = data.shape();
    Shape merged = distribution.shape().broadcast(dataShape).orElse(null);
    if (merged == null || merged.known() && dataShape.known() && !merged.equals(dataShape)) {
      globals.error(sample.location(), "shape mismatch: " + distribution.spec().name() + " has shape "
          + distribution.shape() + " but data '" + name + "' has shape " + dataShape);
    } else if (dataShape.known() && dataShape.rank() > 0) {
      Dim rows = dataShape.dim(0);
      if (plates.isEmpty()) {
        globals.error(sample.location(), "observed site '" + name + "' has " + rows
            + " rows but is not inside a plate; put it in 'plate rows(" + rows + ") { ... }'");
      } else if (!Shape.compatible(plates.get(0), rows)) {
        globals.error(sample.location(), "plate '" + plateNames.get(0) + "' has size " + plates.get(0) + " but data '"
            + name + "' has " + rows + " rows");
      }
    }
    String support = distribution.spec().support();
    boolean discrete = support.equals("binary") || support.equals("int");
    if (discrete != !data.type().equals("real")) {
      globals.error(sample.location(), distribution.spec().name() + " observes " + (discrete ? "whole numbers" : "real numbers")
          + " but data '" + name + "' is " + data.type());
    }
    observed.put(name, new Definitions.Site(name, sample.location(), distribution.shape(), distribution.spec().name(),
        List.copyOf(plateNames)));
    return new ResolvedStatement.Sample(sample.location(), name, distribution, name, List.copyOf(plateNames));
  }

  private ResolvedStatement plate(Statement.Plate plate, Scope scope, String prefix, List<Dim> plates,
      List<String> plateNames) {
    if (plateNames.contains(plate.name())) {
      globals.error(plate.location(), "plate '" + plate.name() + "' is nested inside a plate of the same name");
    }
    Map<String, Argument> arguments = expressions.match("plate", plate.arguments(), List.of("size", "subsample"));
    Argument sizeArgument = arguments.get("size");
    if (sizeArgument == null) {
      globals.error(plate.location(), "plate '" + plate.name() + "' needs a size: plate " + plate.name() + "(N)");
      return null;
    }
    Dim size = plateSize(sizeArgument, plate.name());
    ResolvedExpr subsample = null;
    if (arguments.containsKey("subsample")) {
      Dim batch = expressions.dimension(arguments.get("subsample").value(), scope,
          "the subsample of plate '" + plate.name() + "'");
      subsample = expressions.check(arguments.get("subsample").value(), scope, null);
      if (batch instanceof Dim.Known b && size instanceof Dim.Known s && b.size() > s.size()) {
        globals.error(arguments.get("subsample").location(), "subsample " + b + " is larger than the plate's size " + s);
      }
    }
    List<Dim> innerPlates = new ArrayList<>(plates);
    innerPlates.add(size);
    List<String> innerNames = new ArrayList<>(plateNames);
    innerNames.add(plate.name());
    List<ResolvedStatement> body = statements(plate.body(), scope, prefix, innerPlates, innerNames);
    return new ResolvedStatement.Plate(plate.location(), plate.name(), size, subsample, body);
  }

  private Dim plateSize(Argument size, String plate) {
    if (size.value() instanceof org.pmm.lang.ast.Expr.Reference r && r.parts().size() == 1
        && globals.dimensions.contains(r.dotted())) {
      return new Dim.Symbol(r.dotted());
    }
    return expressions.dimension(size.value(), globals.scope, "the size of plate '" + plate + "'");
  }

  private List<ResolvedStatement> use(Statement.Use use, Scope scope, String prefix, List<Dim> plates,
      List<String> plateNames) {
    if (!prefix.isEmpty()) {
      globals.error(use.location(), "modules cannot be nested: 'use' inside a module");
      return List.of();
    }
    Instance instance = guide ? guideInstance(use) : modelInstance(use, scope, plates);
    if (instance == null) {
      return List.of();
    }
    List<org.pmm.lang.ast.Statement> part = guide ? instance.module().guide() : instance.module().model();
    if (part == null) {
      globals.error(use.location(), "module '" + instance.module().name() + "' has no " + (guide ? "guide" : "model") + " part");
      return List.of();
    }
    rootScopeOfModel = scope;
    globals.enter(use.location(), "module '" + instance.module().name() + "'");
    try {
      if (!globals.expand(part.size())) {
        return List.of();
      }
      Scope inner = new Scope(instance.arguments());
      return statements(part, inner, use.instance() + ".", plates, plateNames);
    } finally {
      globals.leave();
      rootScopeOfModel = null;
    }
  }

  private Instance modelInstance(Statement.Use use, Scope scope, List<Dim> plates) {
    if (use.module() == null) {
      globals.error(use.location(), "'use " + use.instance() + "' in a model needs a module: use " + use.instance()
          + " = module_name(...)");
      return null;
    }
    Declaration.Module module = globals.modules.get(use.module());
    if (module == null) {
      globals.error(use.location(), "unknown module '" + use.module() + "'"
          + SpellingSuggestions.didYouMean(use.module(), globals.modules.keySet()));
      return null;
    }
    if (use.arguments().size() != module.parameters().size()) {
      globals.error(use.location(), "module '" + module.name() + "' takes " + module.parameters().size()
          + " arguments, not " + use.arguments().size());
      return null;
    }
    if (instances.containsKey(use.instance()) || definedHere.containsKey(use.instance())) {
      globals.error(use.location(), "'" + use.instance() + "' is already defined in " + owner);
      return null;
    }
    Scope arguments = new Scope(null);
    for (int i = 0; i < use.arguments().size(); i++) {
      ResolvedExpr value = expressions.check(use.arguments().get(i).value(), scope, plates);
      Declaration.Parameter parameter = module.parameters().get(i);
      arguments.define(parameter.name(), new Scope.Entry("module argument", parameter.location(), at -> value));
    }
    Instance instance = new Instance(use.instance(), module, arguments, use.location());
    instances.put(use.instance(), instance);
    definedHere.put(use.instance(), use.location());
    return instance;
  }

  private Instance guideInstance(Statement.Use use) {
    if (use.module() != null) {
      globals.error(use.location(), "in a guide, write 'use " + use.instance() + "' to include the guide of the module "
          + "instance that model '" + model.name() + "' declares");
      return null;
    }
    Instance instance = modelInstances.get(use.instance());
    if (instance == null) {
      globals.error(use.location(), "model '" + model.name() + "' has no module instance '" + use.instance() + "'"
          + SpellingSuggestions.didYouMean(use.instance(), modelInstances.keySet()));
    }
    return instance;
  }
}
