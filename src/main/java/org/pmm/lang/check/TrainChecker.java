package org.pmm.lang.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmm.lang.ast.Argument;
import org.pmm.lang.ast.Declaration;
import org.pmm.lang.ast.Expr;
import org.pmm.base.SpellingSuggestions;
import org.pmm.lang.program.Definitions;
import org.pmm.lang.program.ResolvedExpr;
import org.pmm.lang.program.Shape;
import org.pmm.lang.vocabulary.Range;
import org.pmm.lang.vocabulary.Vocabulary;

/**
 * Checks {@code train} (objectives, optimisers, parameter groups, stepping) and {@code eval}.
 * Their expressions see hyperparameters, data inputs, networks and model values
 * ({@code fusion.z}).
 */
final class TrainChecker {
  private final Globals globals;
  private final ExpressionChecker expressions;
  private final Map<String, Definitions.GuideDefinition> guides;
  private final Scope scope;

  TrainChecker(Globals globals, ExpressionChecker expressions, Map<String, Definitions.GuideDefinition> guides) {
    this.globals = globals;
    this.expressions = expressions;
    this.guides = guides;
    this.scope = new Scope(globals.scope);
    for (Definitions.ModelDefinition model : globals.models.values()) {
      model.locals().forEach((local, shape) -> scope.define(model.name() + "." + local, new Scope.Entry("model value",
          model.location(), at -> new ResolvedExpr.ModelValue(at, model.name(), local, shape))));
      for (Definitions.Parameter parameter : model.parameters()) {
        scope.define(model.name() + "." + parameter.name(), new Scope.Entry("model value", parameter.location(),
            at -> new ResolvedExpr.ModelValue(at, model.name(), parameter.name(), parameter.shape())));
      }
      for (Definitions.Site site : model.latentSites()) {
        scope.define(model.name() + "." + site.name(), new Scope.Entry("model value", site.location(),
            at -> new ResolvedExpr.ModelValue(at, model.name(), site.name(), site.shape())));
      }
    }
  }

  Definitions.Training train(Declaration.Train train) {
    List<Definitions.Objective> objectives = new ArrayList<>();
    Map<String, String> claimed = new LinkedHashMap<>();
    for (Declaration.Objective objective : train.objectives()) {
      if (objectives.stream().anyMatch(o -> o.name().equals(objective.name()))) {
        globals.error(objective.location(), "duplicate objective '" + objective.name() + "'");
        continue;
      }
      Definitions.Objective checked = objective(objective, claimed);
      if (checked != null) {
        objectives.add(checked);
      }
    }
    if (train.objectives().isEmpty()) {
      globals.error(train.location(), "train needs at least one objective: objective name: loss using Optimiser(lr)");
    }
    String stepping = "jointly";
    for (int i = 0; i < train.steps().size(); i++) {
      Declaration.Step step = train.steps().get(i);
      if (i > 0) {
        globals.error(step.location(), "'step' is given twice");
      } else if (!Vocabulary.ENUMERATIONS.get("stepping").contains(step.how())) {
        globals.error(step.location(), "unknown stepping '" + step.how() + "'; use 'step jointly' or 'step alternately'"
            + SpellingSuggestions.didYouMean(step.how(), Vocabulary.ENUMERATIONS.get("stepping")));
      } else {
        stepping = step.how();
      }
    }
    return new Definitions.Training(objectives, stepping, settings(train.settings(), Vocabulary.TRAIN_SETTINGS, "train"));
  }

  Definitions.Evaluation eval(Declaration.Eval eval) {
    return new Definitions.Evaluation(settings(eval.settings(), Vocabulary.EVAL_SETTINGS, "eval"));
  }

  private Definitions.Objective objective(Declaration.Objective objective, Map<String, String> claimed) {
    Definitions.Elbo elbo = null;
    ResolvedExpr loss = null;
    if (objective.loss() instanceof Expr.Call call && call.dotted().equals("elbo")) {
      elbo = elbo(call);
    } else {
      loss = expressions.value(objective.loss(), scope, null);
      if (loss.shape().known() && loss.shape().rank() != 0) {
        globals.error(objective.loss().location(), "the loss of objective '" + objective.name()
            + "' must be a single number; it has shape " + loss.shape() + " (reduce it with mean() or sum())");
      }
    }
    Definitions.Optimizer optimizer = optimizer(objective.optimizer());
    List<String> groups = new ArrayList<>();
    if (objective.groups().isEmpty()) {
      String name = objective.name();
      if (globals.models.containsKey(name) || globals.networks.containsKey(name) || guides.containsKey(name)) {
        groups.add(name);
      } else {
        globals.error(objective.location(), "objective '" + name + "' is not named after a model or network; say which "
            + "parameters it steps with 'on name, ...'");
      }
    }
    for (Declaration.Parameter group : objective.groups()) {
      if (!globals.models.containsKey(group.name()) && !globals.networks.containsKey(group.name())
          && !globals.networkDeclarations.containsKey(group.name())) {
        List<String> candidates = new ArrayList<>(globals.models.keySet());
        candidates.addAll(globals.networkDeclarations.keySet());
        globals.error(group.location(), "unknown parameter group '" + group.name() + "' (a model or network)"
            + SpellingSuggestions.didYouMean(group.name(), candidates));
        continue;
      }
      groups.add(group.name());
    }
    for (String group : groups) {
      String previous = claimed.putIfAbsent(group, objective.name());
      if (previous != null) {
        globals.error(objective.location(), "the parameters of '" + group + "' are already stepped by objective '"
            + previous + "'");
      }
    }
    if (optimizer == null) {
      return null;
    }
    return new Definitions.Objective(objective.name(), objective.location(), elbo, loss, optimizer, groups);
  }

  private Definitions.Elbo elbo(Expr.Call call) {
    List<Argument> arguments = call.arguments();
    if (arguments.isEmpty() || arguments.get(0).isNamed() || !(arguments.get(0).value() instanceof Expr.Reference model)) {
      globals.error(call.location(), "elbo needs the model as its first argument: elbo(model_name, estimator: ...)");
      return null;
    }
    String name = model.dotted();
    Definitions.ModelDefinition definition = globals.models.get(name);
    if (definition == null) {
      globals.error(model.location(), "unknown model '" + name + "'" + SpellingSuggestions.didYouMean(name, globals.models.keySet()));
      return null;
    }
    if (!definition.latentSites().isEmpty() && !guides.containsKey(name)) {
      globals.error(model.location(), "model '" + name + "' has latent sites but no guide; declare 'guide " + name + " { ... }'");
    }
    Map<String, Argument> options = expressions.match("elbo", arguments.subList(1, arguments.size()), Vocabulary.ELBO_OPTIONS);
    Map<String, ResolvedExpr> values = new LinkedHashMap<>();
    String estimator = "trace";
    for (Map.Entry<String, Argument> option : options.entrySet()) {
      if (option.getKey().equals("estimator") && option.getValue().value() instanceof Expr.Call written) {
        // iwae(8), renyi(0.5): an estimator with its parameter
        String text = writtenEstimator(written);
        java.util.Optional<String> problem = text == null
            ? java.util.Optional.of("an estimator's parameter must be one number, as in iwae(8)")
            : org.pmm.infer.Elbos.problem(text);
        if (problem.isPresent()) {
          globals.error(written.location(), problem.get());
          continue;
        }
        estimator = text;
        continue;
      }
      ResolvedExpr value = expressions.check(option.getValue().value(), scope, null);
      if (value instanceof ResolvedExpr.Invalid) {
        continue;   // its error is reported where it came from
      }
      if (option.getKey().equals("estimator")) {
        String[] symbol = Constants.symbol(value);
        if (symbol == null || !symbol[1].equals("estimator")) {
          globals.error(option.getValue().value().location(), "estimator must be one of "
              + String.join(", ", org.pmm.infer.Elbos.usages()) + SpellingSuggestions.didYouMean(
                  option.getValue().value() instanceof Expr.Reference r ? r.dotted() : "", Vocabulary.ESTIMATORS));
          continue;
        }
        java.util.Optional<String> problem = org.pmm.infer.Elbos.problem(symbol[0]);
        if (problem.isPresent()) {
          globals.error(option.getValue().value().location(), problem.get());
          continue;
        }
        estimator = symbol[0];
      } else if (Constants.number(value) == null) {
        globals.error(option.getValue().value().location(), "option '" + option.getKey()
            + "' of elbo must be a constant number (a literal or a hyperparameter)");
        continue;
      } else if (!globals.ranges.check(value, Vocabulary.ELBO_RANGES.get(option.getKey()),
          "option '" + option.getKey() + "' of elbo")) {
        continue;
      }
      values.put(option.getKey(), value);
    }
    return new Definitions.Elbo(name, estimator, values);
  }

  /** {@code iwae(8)} as the text the estimator registry reads, or null for another shape. */
  private static String writtenEstimator(Expr.Call call) {
    if (call.arguments().size() != 1 || call.arguments().get(0).isNamed()
        || !(call.arguments().get(0).value() instanceof Expr.Number n)) {
      return null;
    }
    return call.dotted() + "(" + n.text() + ")";
  }

  private Definitions.Optimizer optimizer(Expr expr) {
    if (!(expr instanceof Expr.Call call)) {
      globals.error(expr.location(), "expected an optimiser such as Adam(lr) after 'using'");
      return null;
    }
    Vocabulary.OptimizerSpec spec = Vocabulary.OPTIMIZERS.get(call.dotted());
    if (spec == null) {
      globals.error(call.location(), "unknown optimiser '" + call.dotted() + "'"
          + SpellingSuggestions.didYouMean(call.dotted(), Vocabulary.OPTIMIZERS.keySet()));
      return null;
    }
    Map<String, Argument> matched = expressions.match(spec.name(), call.arguments(), spec.options());
    Map<String, ResolvedExpr> options = new LinkedHashMap<>();
    for (Map.Entry<String, Argument> entry : matched.entrySet()) {
      ResolvedExpr value = expressions.value(entry.getValue().value(), scope, null);
      Double number = Constants.number(value);
      String option = "option '" + entry.getKey() + "' of " + spec.name();
      if (entry.getKey().equals("betas")) {
        if (!(value instanceof ResolvedExpr.Stack stack) || stack.elements().size() != 2) {
          globals.error(entry.getValue().value().location(), "betas must be two numbers: betas: [0.9, 0.999]");
        } else {
          globals.ranges.check(stack, spec.ranges().get("betas"), "an element of " + option);
        }
      } else if (number == null) {
        globals.error(entry.getValue().value().location(), option
            + " must be a constant number (a literal or a hyperparameter)");
      } else {
        globals.ranges.check(value, spec.ranges().get(entry.getKey()), option);
      }
      options.put(entry.getKey(), value);
    }
    if (!matched.containsKey("lr")) {
      globals.error(call.location(), spec.name() + " needs a learning rate: " + spec.name() + "(lr)");
    }
    return new Definitions.Optimizer(spec, call.location(), options);
  }

  private Map<String, ResolvedExpr> settings(List<Declaration.Setting> settings, Map<String, String> known, String block) {
    Map<String, ResolvedExpr> out = new LinkedHashMap<>();
    for (Declaration.Setting setting : settings) {
      String type = known.get(setting.name());
      if (type == null) {
        globals.error(setting.location(), "unknown " + block + " setting '" + setting.name() + "'"
            + SpellingSuggestions.didYouMean(setting.name(), known.keySet()));
        continue;
      }
      if (out.containsKey(setting.name())) {
        globals.error(setting.location(), block + " setting '" + setting.name() + "' is given twice");
        continue;
      }
      ResolvedExpr value = expressions.check(setting.value(), scope, null);
      String problem = settingProblem(type, value);
      if (problem != null) {
        globals.error(setting.value().location(), block + " setting '" + setting.name() + "' " + problem);
        continue;
      }
      Range range = Vocabulary.SETTING_RANGES.get(setting.name());
      if (range != null && !globals.ranges.check(value, range, block + " setting '" + setting.name() + "'")) {
        continue;
      }
      out.put(setting.name(), value);
    }
    return out;
  }

  private static String settingProblem(String type, ResolvedExpr value) {
    if (value instanceof ResolvedExpr.Invalid) {
      return null;
    }
    switch (type) {
      case "expression":
        return ExpressionChecker.notANumber(value) == null ? null : "must be an expression of the model's values";
      case "int": {
        return Constants.number(value) != null ? null : "must be a whole number";
      }
      case "real": {
        Double number = Constants.number(value);
        return number != null ? null : "must be a number";
      }
      case "string":
        return value instanceof ResolvedExpr.Text ? null : "must be a string";
      default: {
        String[] symbol = Constants.symbol(value);
        List<String> allowed = Vocabulary.ENUMERATIONS.get(type);
        return symbol != null && symbol[1].equals(type) ? null : "must be one of " + String.join(", ", allowed);
      }
    }
  }
}
