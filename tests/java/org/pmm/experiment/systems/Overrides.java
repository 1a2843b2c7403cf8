package org.pmm.experiment.systems;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies {@code --set name=value} overrides to a system's hyperparameters, type-checked
 * against each default's type, with "did you mean" for unknown names.
 *
 * <pre>{@code
 * SystemConfig c = Overrides.apply("pmmo", Map.of("hidden", "1024", "elbo", "trace"));
 * }</pre>
 */
public final class Overrides {
  private static final Map<String, List<String>> CHOICES = Map.of(
      "select", List.of("best", "last"),
      "split", List.of("official", "random"));

  /** Names that only the Bayesian system (PM+MO) or the two-objective ones use. */
  private static final Set<String> VI_ONLY = Set.of("clip", "elbo", "kl_lambda",
      "kl_anneal_epochs", "l1", "l2", "prior_loc", "prior_scale", "guide_scale_init",
      "predict_samples");
  private static final Set<String> TWO_OBJECTIVES = Set.of("weight_decay", "detach_fusion");

  private Overrides() {}

  /** The hyperparameter names a system kind accepts. */
  public static Set<String> names(String kind) {
    Set<String> all = new java.util.LinkedHashSet<>(Defaults.of(kind).keySet());
    if (!kind.equals("pmmo")) {
      all.removeAll(VI_ONLY);
    }
    if (kind.equals("gmu")) {
      all.removeAll(TWO_OBJECTIVES);
    }
    return all;
  }

  /** The configuration of {@code kind} with the overrides applied. */
  public static SystemConfig apply(String kind, Map<String, String> overrides) {
    Map<String, Object> defaults = Defaults.of(kind);
    Set<String> known = names(kind);
    Map<String, Object> values = new LinkedHashMap<>();
    for (String name : known) {
      values.put(name, defaults.get(name));
    }
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      String name = e.getKey();
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown hyperparameter '" + name + "' for model '"
            + kind + "'" + suggestion(name, known));
      }
      values.put(name, parse(name, e.getValue(), defaults.get(name)));
    }
    return SystemConfig.fromMap(kind, values);
  }

  private static Object parse(String name, String text, Object example) {
    try {
      if (example instanceof Integer) {
        return Integer.parseInt(text);
      }
      if (example instanceof Double) {
        double v = Double.parseDouble(text);
        if (!Double.isFinite(v)) {
          throw new NumberFormatException();
        }
        return v;
      }
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException("hyperparameter '" + name + "' expects "
          + (example instanceof Integer ? "an integer" : "a number") + ", got '" + text + "'");
    }
    if (example instanceof Boolean) {
      if (!text.equals("true") && !text.equals("false")) {
        throw new IllegalArgumentException("hyperparameter '" + name
            + "' expects true or false, got '" + text + "'");
      }
      return Boolean.parseBoolean(text);
    }
    if (name.equals("elbo")) {
      org.pmm.infer.Elbos.create(text);   // throws UserError naming the estimator
      return text;
    }
    List<String> choices = CHOICES.get(name);
    if (choices != null && !choices.contains(text)) {
      throw new IllegalArgumentException("hyperparameter '" + name + "' must be one of "
          + String.join(", ", choices) + "; got '" + text + "'"
          + suggestion(text, choices));
    }
    return text;
  }

  /** "; did you mean 'x'?" for a close known name, else "" (the language's own rule). */
  static String suggestion(String name, java.util.Collection<String> known) {
    return org.pmm.base.SpellingSuggestions.didYouMean(name, known);
  }
}
