package org.pmm.experiment.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A training step's loss written out by objective and, for an ELBO, by part, for progress lines:
 * a rising loss under KL annealing reads as a rising {@code kl_beta}, not as divergence.
 *
 * <pre>{@code
 * LossSplit.text(Map.of("fusion", 812.4, "classifier", 0.231),
 *     Map.of("fusion", Map.of("nll", 790.1, "kl_beta", 22.3)));
 * // "fusion 812.4000 (nll 790.1000 + kl_beta 22.3000) + classifier 0.2310" (in map order)
 * LossSplit.text(Map.of("elbo", 812.4), Map.of("elbo", Map.of("nll", 790.1, "kl", 22.3)));
 * // "nll 790.1000 + kl 22.3000"
 * }</pre>
 */
public final class LossSplit {
  private LossSplit() {}

  /**
   * The losses by objective, each followed by its parts where it has some; with a single
   * objective only its parts (its value is the whole loss). Empty when there is nothing to add to
   * the total: a single objective without parts, or none.
   *
   * @param losses loss by objective name, in order
   * @param parts part name → value by objective name, for the objectives whose loss is split
   */
  public static String text(Map<String, Double> losses, Map<String, Map<String, Double>> parts) {
    if (losses.size() == 1) {
      Map<String, Double> only = parts.get(losses.keySet().iterator().next());
      return only == null || only.isEmpty() ? "" : terms(only);
    }
    if (losses.size() < 2) {
      return "";
    }
    List<String> objectives = new ArrayList<>();
    losses.forEach((name, value) -> {
      Map<String, Double> own = parts.get(name);
      objectives.add(number(name, value)
          + (own == null || own.isEmpty() ? "" : " (" + terms(own) + ")"));
    });
    return String.join(" + ", objectives);
  }

  private static String terms(Map<String, Double> values) {
    List<String> terms = new ArrayList<>();
    values.forEach((name, value) -> terms.add(number(name, value)));
    return String.join(" + ", terms);
  }

  private static String number(String name, double value) {
    return String.format(Locale.ROOT, "%s %.4f", name, value);
  }
}
