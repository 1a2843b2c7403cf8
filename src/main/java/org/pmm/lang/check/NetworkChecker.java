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
import org.pmm.lang.program.Dim;
import org.pmm.lang.program.ParamConstraint;
import org.pmm.lang.program.ResolvedExpr;
import org.pmm.lang.program.Shape;
import org.pmm.lang.vocabulary.Range;
import org.pmm.lang.vocabulary.Vocabulary;

/**
 * Instantiates networks where they are called: {@code classifier(z)} fixes the input width,
 * from which every layer's parameter shapes follow. Layer options must be constants; a layer
 * {@code if condition} is kept only when its boolean condition holds. A network has one set of
 * parameters, so calling it again with another input width is an error.
 */
final class NetworkChecker {
  private final Globals globals;
  private final ExpressionChecker expressions;

  NetworkChecker(Globals globals, ExpressionChecker expressions) {
    this.globals = globals;
    this.expressions = expressions;
  }

  ResolvedExpr call(Expr.Call call, Declaration.Network network, Scope scope, List<Dim> plates) {
    List<Argument> arguments = call.arguments();
    if (arguments.isEmpty() || arguments.get(0).isNamed()) {
      globals.error(call.location(), "network '" + network.name() + "' needs its input as the first argument");
      return new ResolvedExpr.Invalid(call.location());
    }
    ResolvedExpr input = expressions.value(arguments.get(0).value(), scope, plates);
    Scope inner = configuration(network, call.location(), arguments.subList(1, arguments.size()), scope);
    if (inner == null || !input.shape().known()) {
      return new ResolvedExpr.Invalid(call.location());
    }
    if (input.shape().rank() < 1) {
      globals.error(arguments.get(0).location(), "the input of network '" + network.name() + "' needs at least one dimension");
      return new ResolvedExpr.Invalid(call.location());
    }
    List<Definitions.Layer> layers = new ArrayList<>();
    Dim width;
    globals.enter(call.location(), "network '" + network.name() + "'");
    try {
      width = layers(network, inner, input.shape().dim(-1), layers, network.name());
    } finally {
      globals.leave();
    }
    Shape output = input.shape().withLast(width);
    Definitions.NetworkDefinition previous = globals.networks.get(network.name());
    if (previous != null && !previous.inputShape().dim(-1).equals(input.shape().dim(-1))) {
      globals.error(call.location(), "network '" + network.name() + "' is called with input width " + input.shape().dim(-1)
          + " here but " + previous.inputShape().dim(-1) + " at " + previous.location()
          + "; a network has one set of parameters");
    } else if (previous == null) {
      globals.networks.put(network.name(), new Definitions.NetworkDefinition(network.name(), call.location(),
          input.shape(), layers, output));
    }
    return new ResolvedExpr.NetworkCall(call.location(), network.name(), input, output);
  }

  /** Binds a network's configuration parameters to constant arguments. */
  private Scope configuration(Declaration.Network network, org.pmm.lang.ast.SourceLocation at, List<Argument> arguments,
      Scope scope) {
    if (arguments.size() != network.parameters().size()) {
      globals.error(at, "network '" + network.name() + "' takes " + network.parameters().size()
          + " configuration argument" + (network.parameters().size() == 1 ? "" : "s") + " after its input, not "
          + arguments.size());
      return null;
    }
    Scope inner = new Scope(globals.scope);
    for (int i = 0; i < arguments.size(); i++) {
      ResolvedExpr value = expressions.check(arguments.get(i).value(), scope, null);
      Declaration.Parameter parameter = network.parameters().get(i);
      inner.define(parameter.name(), new Scope.Entry("parameter", parameter.location(), loc -> value));
    }
    return inner;
  }

  private Dim layers(Declaration.Network network, Scope scope, Dim width, List<Definitions.Layer> out, String prefix) {
    int index = 0;
    for (Declaration.Layer layer : network.layers()) {
      index++;
      if (!globals.expand(1)) {
        return new Dim.Unknown();
      }
      if (layer.condition() != null) {
        Boolean enabled = Constants.bool(expressions.check(layer.condition(), scope, null));
        if (enabled == null) {
          globals.error(layer.condition().location(), "the condition of a layer must be a boolean hyperparameter or literal");
        } else if (!enabled) {
          continue;
        }
      }
      Declaration.Network nested = globals.networkDeclarations.get(layer.name());
      if (nested != null) {
        if (nested.name().equals(network.name()) || prefix.contains(nested.name() + ".")) {
          globals.error(layer.location(), "network '" + nested.name() + "' contains itself");
          return new Dim.Unknown();
        }
        Scope inner = configuration(nested, layer.location(), layer.arguments(), scope);
        if (inner == null) {
          width = new Dim.Unknown();
          continue;
        }
        globals.enter(layer.location(), "network '" + nested.name() + "'");
        try {
          width = layers(nested, inner, width, out, prefix + "." + index + "." + nested.name());
        } finally {
          globals.leave();
        }
        continue;
      }
      Vocabulary.LayerSpec spec = Vocabulary.LAYERS.get(layer.name());
      if (spec == null) {
        List<String> candidates = new ArrayList<>(Vocabulary.LAYERS.keySet());
        candidates.addAll(globals.networkDeclarations.keySet());
        globals.error(layer.location(), "unknown layer '" + layer.name() + "'" + SpellingSuggestions.didYouMean(layer.name(), candidates));
        width = new Dim.Unknown();
        continue;
      }
      width = layer(spec, layer, scope, width, out, prefix + "." + index + "." + spec.name());
    }
    return width;
  }

  private Dim layer(Vocabulary.LayerSpec spec, Declaration.Layer layer, Scope scope, Dim width,
      List<Definitions.Layer> out, String name) {
    Map<String, Argument> matched = expressions.match(spec.name(), layer.arguments(), spec.options());
    Map<String, Double> options = new LinkedHashMap<>();
    boolean inRange = true;
    for (Map.Entry<String, Argument> entry : matched.entrySet()) {
      ResolvedExpr value = expressions.check(entry.getValue().value(), scope, null);
      Double number = Constants.number(value);
      Boolean flag = Constants.bool(value);
      if (number == null && flag == null) {
        globals.error(entry.getValue().value().location(), "option '" + entry.getKey() + "' of layer " + spec.name()
            + " must be a constant (a literal or a hyperparameter)");
        continue;
      }
      String option = "option '" + entry.getKey() + "' of layer " + spec.name();
      if (!spec.ranges().containsKey(entry.getKey())) {
        if (number != null && number != 0 && number != 1) {
          globals.error(value.location(), option + " must be true or false, not " + Constants.format(number));
        }
      } else if (number == null) {
        globals.error(value.location(), option + " must be a number, not " + flag);
        inRange = false;
      } else {
        inRange &= globals.ranges.check(value, spec.ranges().get(entry.getKey()), option);
      }
      options.put(entry.getKey(), number != null ? number : flag ? 1.0 : 0.0);
    }
    if (matched.size() < spec.required()) {
      globals.error(layer.location(), "layer " + spec.name() + " needs " + String.join(" and ",
          spec.options().subList(0, spec.required())));
      return new Dim.Unknown();
    }
    Dim outWidth = width;
    List<Definitions.Parameter> parameters = new ArrayList<>();
    Double units = options.get("units");
    if (units != null) {
      if (!inRange) {
        return new Dim.Unknown();
      }
      long pieces = options.getOrDefault("pieces", 1.0).longValue();
      double product = units * pieces;
      if (!Range.DIMENSION.contains(product)) {
        globals.error(layer.location(), "layer " + spec.name() + " has " + Constants.format(product)
            + " weight columns (units times pieces); the largest dimension is " + Integer.MAX_VALUE);
        return new Dim.Unknown();
      }
      Dim columns = Dim.of(units.longValue() * pieces);
      parameters.add(new Definitions.Parameter(name + ".weight", layer.location(), Shape.of(width, columns), ParamConstraint.REAL));
      if (options.getOrDefault("bias", 1.0) != 0) {
        parameters.add(new Definitions.Parameter(name + ".bias", layer.location(), Shape.of(columns), ParamConstraint.REAL));
      }
      outWidth = Dim.of(units.longValue());
    } else if (spec.name().equals("batchnorm") && options.getOrDefault("affine", 1.0) != 0) {
      parameters.add(new Definitions.Parameter(name + ".gamma", layer.location(), Shape.of(width), ParamConstraint.REAL));
      parameters.add(new Definitions.Parameter(name + ".beta", layer.location(), Shape.of(width), ParamConstraint.REAL));
    }
    out.add(new Definitions.Layer(name, spec, layer.location(), options, width, outWidth, parameters));
    return outWidth;
  }
}
