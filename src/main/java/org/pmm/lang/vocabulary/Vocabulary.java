package org.pmm.lang.vocabulary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every name the language knows, in one table shared by the checker and the compiler:
 * distributions with their argument names, estimators, optimisers with their options,
 * constraints, network layers, built-in functions, and the enumerations hyperparameters may
 * take.
 *
 * <pre>{@code
 * Vocabulary.DISTRIBUTIONS.get("Laplace").parameters()  // [loc, scale]
 * Vocabulary.OPTIMIZERS.get("AdamW").options()           // [lr, betas, weight_decay]
 * }</pre>
 */
public final class Vocabulary {
  private Vocabulary() {}

  /** How a distribution's value shape follows from its parameters' broadcast shape. */
  public enum EventRule {
    /** One value per parameter element (Normal, Bernoulli, ...). */
    SCALAR,
    /** The last parameter dimension indexes categories and is absent from the value (Categorical). */
    CATEGORIES,
    /** The last parameter dimension is the value's event dimension (Dirichlet). */
    VECTOR
  }

  /**
   * A distribution: its parameter names in positional order, or {@code choices} when exactly one
   * of several names must be given (Bernoulli's logits or probs); {@code ranges} bounds the
   * parameters that have bounds (scales, rates and concentrations are positive, probabilities in
   * [0, 1]) when they are constants.
   */
  public record DistributionSpec(String name, List<String> parameters, List<String> choices,
      Map<String, Range> ranges, EventRule eventRule, boolean reparameterised, String support) {
    public Range range(String parameter) {
      return ranges.getOrDefault(parameter, Range.ANY);
    }
  }

  public static final Map<String, DistributionSpec> DISTRIBUTIONS = table(DistributionSpec::name,
      new DistributionSpec("Laplace", List.of("loc", "scale"), List.of(), Map.of("scale", Range.POSITIVE),
          EventRule.SCALAR, true, "real"),
      new DistributionSpec("Normal", List.of("loc", "scale"), List.of(), Map.of("scale", Range.POSITIVE),
          EventRule.SCALAR, true, "real"),
      new DistributionSpec("Bernoulli", List.of(), List.of("logits", "probs"), Map.of("probs", Range.PROBABILITY),
          EventRule.SCALAR, false, "binary"),
      new DistributionSpec("Categorical", List.of(), List.of("logits", "probs"), Map.of("probs", Range.PROBABILITY),
          EventRule.CATEGORIES, false, "int"),
      new DistributionSpec("Beta", List.of("concentration1", "concentration0"), List.of(),
          Map.of("concentration1", Range.POSITIVE, "concentration0", Range.POSITIVE), EventRule.SCALAR, true,
          "unit_interval"),
      new DistributionSpec("Gamma", List.of("concentration", "rate"), List.of(),
          Map.of("concentration", Range.POSITIVE, "rate", Range.POSITIVE), EventRule.SCALAR, true, "positive"),
      new DistributionSpec("Dirichlet", List.of("concentration"), List.of(), Map.of("concentration", Range.POSITIVE),
          EventRule.VECTOR, true, "simplex"),
      new DistributionSpec("Exponential", List.of("rate"), List.of(), Map.of("rate", Range.POSITIVE), EventRule.SCALAR,
          true, "positive"),
      new DistributionSpec("Poisson", List.of("rate"), List.of(), Map.of("rate", Range.POSITIVE), EventRule.SCALAR,
          false, "int"),
      new DistributionSpec("Delta", List.of("v"), List.of(), Map.of(), EventRule.SCALAR, true, "real"));

  /** Guides written from the model: {@code guide m = auto_normal}. */
  public static final List<String> AUTOGUIDES = List.of("auto_normal", "auto_delta");

  /** ELBO estimators by their words in {@code .pmm} files and {@code --set elbo=} (docs/language.md). */
  public static final List<String> ESTIMATORS = org.pmm.infer.Elbos.names();

  /** Options of {@code elbo(model, ...)} objectives besides the model. */
  public static final List<String> ELBO_OPTIONS =
      List.of("estimator", "kl_lambda", "anneal_epochs", "l1", "l2", "particles");

  /** The ranges of the numeric {@link #ELBO_OPTIONS}: β starts in (0, 1], penalties are weights. */
  public static final Map<String, Range> ELBO_RANGES = Map.of("kl_lambda", Range.ABOVE_ZERO_UP_TO_ONE,
      "anneal_epochs", Range.COUNT, "l1", Range.NON_NEGATIVE, "l2", Range.NON_NEGATIVE, "particles", Range.POSITIVE_COUNT);

  /**
   * An optimiser and the named options it accepts, with the range of each numeric one; {@code
   * lr} is also its first positional one. Each element of {@code betas} is in [0, 1).
   */
  public record OptimizerSpec(String name, List<String> options, Map<String, Range> ranges) {}

  public static final Map<String, OptimizerSpec> OPTIMIZERS = table(OptimizerSpec::name,
      new OptimizerSpec("Sgd", List.of("lr", "momentum"), Map.of("lr", Range.POSITIVE, "momentum", Range.BELOW_ONE)),
      new OptimizerSpec("Adam", List.of("lr", "betas"), Map.of("lr", Range.POSITIVE, "betas", Range.BELOW_ONE)),
      new OptimizerSpec("ClippedAdam", List.of("lr", "betas", "clip", "lr_decay"), Map.of("lr", Range.POSITIVE,
          "betas", Range.BELOW_ONE, "clip", Range.POSITIVE, "lr_decay", Range.POSITIVE)),
      new OptimizerSpec("AdamW", List.of("lr", "betas", "weight_decay"), Map.of("lr", Range.POSITIVE,
          "betas", Range.BELOW_ONE, "weight_decay", Range.NON_NEGATIVE)));

  /** Parameter constraints; {@code > 0} is positive, {@code in (a, b)} an interval. */
  public static final List<String> CONSTRAINTS = List.of("real", "positive", "interval", "unit_interval", "simplex");

  /**
   * A network layer: its options in positional order, how many of them are required, and the
   * range of each numeric one ({@code bias} and {@code affine} are true or false). Layers change
   * only the last dimension of their input.
   */
  public record LayerSpec(String name, List<String> options, int required, Map<String, Range> ranges) {}

  public static final Map<String, LayerSpec> LAYERS = table(LayerSpec::name,
      new LayerSpec("linear", List.of("units", "bias", "max_norm"), 1,
          Map.of("units", Range.DIMENSION, "max_norm", Range.NON_NEGATIVE)),
      new LayerSpec("maxout", List.of("units", "pieces", "max_norm"), 2,
          Map.of("units", Range.DIMENSION, "pieces", Range.DIMENSION, "max_norm", Range.NON_NEGATIVE)),
      new LayerSpec("batchnorm", List.of("momentum", "eps", "affine"), 0,
          Map.of("momentum", Range.PROBABILITY, "eps", Range.POSITIVE)),
      new LayerSpec("dropout", List.of("p"), 1, Map.of("p", Range.BELOW_ONE)),
      new LayerSpec("tanh", List.of(), 0, Map.of()),
      new LayerSpec("sigmoid", List.of(), 0, Map.of()),
      new LayerSpec("relu", List.of(), 0, Map.of()),
      new LayerSpec("softplus", List.of(), 0, Map.of()),
      new LayerSpec("identity", List.of(), 0, Map.of()));

  /** How a built-in function's result shape follows from its arguments. */
  public enum BuiltinRule {
    ELEMENTWISE, CONCAT, REDUCE, INITIALISER, LOSS, TRANSPOSE
  }

  /**
   * A built-in function: positional argument names, how many are required, its shape rule, and
   * the domain of arguments that have one (checked when they are constants).
   */
  public record BuiltinSpec(String name, List<String> arguments, int required, BuiltinRule rule,
      Map<String, Range> ranges) {
    BuiltinSpec(String name, List<String> arguments, int required, BuiltinRule rule) {
      this(name, arguments, required, rule, Map.of());
    }
  }

  public static final Map<String, BuiltinSpec> BUILTINS = table(BuiltinSpec::name,
      new BuiltinSpec("sigmoid", List.of("x"), 1, BuiltinRule.ELEMENTWISE),
      new BuiltinSpec("tanh", List.of("x"), 1, BuiltinRule.ELEMENTWISE),
      new BuiltinSpec("softplus", List.of("x"), 1, BuiltinRule.ELEMENTWISE),
      new BuiltinSpec("relu", List.of("x"), 1, BuiltinRule.ELEMENTWISE),
      new BuiltinSpec("exp", List.of("x"), 1, BuiltinRule.ELEMENTWISE),
      new BuiltinSpec("log", List.of("x"), 1, BuiltinRule.ELEMENTWISE, Map.of("x", Range.POSITIVE)),
      new BuiltinSpec("sqrt", List.of("x"), 1, BuiltinRule.ELEMENTWISE, Map.of("x", Range.NON_NEGATIVE)),
      new BuiltinSpec("abs", List.of("x"), 1, BuiltinRule.ELEMENTWISE),
      new BuiltinSpec("detach", List.of("x"), 1, BuiltinRule.ELEMENTWISE),
      new BuiltinSpec("concat", List.of("x", "y"), 2, BuiltinRule.CONCAT),
      new BuiltinSpec("sum", List.of("x", "axis"), 1, BuiltinRule.REDUCE),
      new BuiltinSpec("mean", List.of("x", "axis"), 1, BuiltinRule.REDUCE),
      new BuiltinSpec("transpose", List.of("x"), 1, BuiltinRule.TRANSPOSE),
      new BuiltinSpec("glorot", List.of(), 0, BuiltinRule.INITIALISER),
      new BuiltinSpec("zeros", List.of(), 0, BuiltinRule.INITIALISER),
      new BuiltinSpec("ones", List.of(), 0, BuiltinRule.INITIALISER),
      new BuiltinSpec("uniform", List.of("low", "high"), 2, BuiltinRule.INITIALISER),
      new BuiltinSpec("bce_logits", List.of("logits", "target"), 2, BuiltinRule.LOSS),
      new BuiltinSpec("bce", List.of("probs", "target"), 2, BuiltinRule.LOSS));

  /** Enumerations that symbol-valued hyperparameters and settings take, by type name. */
  public static final Map<String, List<String>> ENUMERATIONS = Map.of(
      "estimator", ESTIMATORS,
      "selection", List.of("best", "last"),
      "split", List.of("official", "random"),
      "stepping", List.of("jointly", "alternately"));

  /** Element types of data inputs. */
  public static final List<String> DATA_TYPES = List.of("real", "int", "binary");

  /** Settings of {@code train { }} with the type each takes. */
  public static final Map<String, String> TRAIN_SETTINGS = orderedMap("epochs", "int");

  /**
   * Settings of {@code eval { }} with the type each takes ("expression" for predict, and for
   * gate: a fusion gate's activation, the image's share per unit, for the report's analysis).
   */
  public static final Map<String, String> EVAL_SETTINGS = orderedMap(
      "predict", "expression", "gate", "expression", "threshold", "real", "select", "selection", "split", "split",
      "split_seed", "int", "predict_samples", "int", "name", "string");

  /** The range of each numeric train and eval setting. */
  public static final Map<String, Range> SETTING_RANGES = Map.of("epochs", Range.POSITIVE_COUNT, "threshold", Range.OPEN_UNIT,
      "split_seed", Range.WHOLE, "predict_samples", Range.COUNT);

  /** The enumeration a symbol belongs to, or null. */
  public static String enumerationOf(String symbol) {
    if (symbol.contains("(")) {
      return org.pmm.infer.Elbos.isKnown(symbol) ? "estimator" : null;
    }
    for (Map.Entry<String, List<String>> entry : ENUMERATIONS.entrySet()) {
      if (entry.getValue().contains(symbol)) {
        return entry.getKey();
      }
    }
    return null;
  }

  /** Whether {@code symbol} belongs to {@code enumeration} (estimators with their parameter too). */
  public static boolean accepts(String enumeration, String symbol) {
    if (enumeration.equals("estimator")) {
      return org.pmm.infer.Elbos.isKnown(symbol);
    }
    return ENUMERATIONS.get(enumeration).contains(symbol);
  }

  /** How the members of {@code enumeration} are written, for messages. */
  public static List<String> usages(String enumeration) {
    return enumeration.equals("estimator") ? org.pmm.infer.Elbos.usages() : ENUMERATIONS.get(enumeration);
  }

  public static List<String> allSymbols() {
    return ENUMERATIONS.values().stream().flatMap(List::stream).sorted().toList();
  }

  @SafeVarargs
  private static <T> Map<String, T> table(java.util.function.Function<T, String> key, T... specs) {
    Map<String, T> out = new LinkedHashMap<>();
    for (T spec : specs) {
      out.put(key.apply(spec), spec);
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(out);
  }
}
