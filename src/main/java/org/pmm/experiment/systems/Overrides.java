package org.pmm.experiment.systems;

import java.util.Comparator;
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
      "elbo", List.of("trace", "tracegraph", "annealed"),
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
    List<String> choices = CHOICES.get(name);
    if (choices != null && !choices.contains(text)) {
      throw new IllegalArgumentException("hyperparameter '" + name + "' must be one of "
          + String.join(", ", choices) + "; got '" + text + "'"
          + suggestion(text, choices));
    }
    return text;
  }

  /** "; did you mean 'x'?" for the closest known name within edit distance 2, else "". */
  static String suggestion(String name, java.util.Collection<String> known) {
    return known.stream()
        .min(Comparator.comparingInt(k -> distance(name, k)))
        .filter(k -> distance(name, k) <= Math.max(2, name.length() / 3))
        .map(k -> "; did you mean '" + k + "'?")
        .orElse("");
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
