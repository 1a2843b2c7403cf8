package org.pmm.infer;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pmm.base.UserError;
import org.pmm.base.SpellingSuggestions;

/**
 * The estimators by the names users write ({@code --set elbo=...}, {@code .pmm} files):
 *
 * <ul>
 *   <li>{@code trace}: {@link TraceElbo} (ELBOv1);
 *   <li>{@code tracegraph}: {@link TraceGraphElbo} (ELBOv2) with a decaying-average baseline
 *       (β = 0.90) on every non-reparameterised site;
 *   <li>{@code meanfield}: {@link MeanFieldElbo}, analytic KL where a closed form exists;
 *   <li>{@code iwae} or {@code iwae(K)}: {@link IwaeElbo} with K particles (default 4);
 *   <li>{@code renyi(α)}: {@link RenyiElbo} of order α ≠ 1 with 4 particles;
 *   <li>{@code annealed}: KL annealing ({@link AnnealedElbo}) over {@code trace};
 *       {@code annealed-tracegraph} and {@code annealed-meanfield} over those estimators.
 * </ul>
 *
 * <pre>{@code
 * Elbo e = Elbos.create("annealed", 0.2, 12 * stepsPerEpoch);
 * Elbo r = Elbos.create("renyi(0.5)", 1, 0);
 * }</pre>
 */
public final class Elbos {
  /** Every name {@link #create} accepts ({@code K} and {@code α} stand for numbers). */
  public static final List<String> NAMES = List.of("trace", "tracegraph", "meanfield", "iwae",
      "iwae(K)", "renyi(α)", "annealed", "annealed-tracegraph", "annealed-meanfield");

  /** Particles of {@code iwae} and {@code renyi(α)} when the name does not say. */
  public static final int DEFAULT_BOUND_PARTICLES = 4;

  private static final Pattern CALL = Pattern.compile("(iwae|renyi)\\((.*)\\)");
  private static final List<String> PLAIN_NAMES = List.of("trace", "tracegraph", "meanfield",
      "iwae", "renyi", "annealed", "annealed-tracegraph", "annealed-meanfield");

  private Elbos() {}

  /**
   * @param klLambda β at the first step (annealed estimators only)
   * @param rampSteps steps over which β rises linearly to 1 (annealed estimators only)
   * @throws UserError for an unknown name or a bad number in it
   */
  public static Elbo create(String name, double klLambda, long rampSteps) {
    String n = name.trim();
    Matcher call = CALL.matcher(n);
    if (call.matches()) {
      return call.group(1).equals("iwae")
          ? new IwaeElbo(particles(name, call.group(2)))
          : new RenyiElbo(alpha(name, call.group(2)), DEFAULT_BOUND_PARTICLES);
    }
    return switch (n) {
      case "trace" -> new TraceElbo(1);
      case "tracegraph" -> defaultTraceGraph();
      case "meanfield" -> new MeanFieldElbo(1);
      case "iwae" -> new IwaeElbo(DEFAULT_BOUND_PARTICLES);
      case "annealed" -> annealed(new TraceElbo(1), klLambda, rampSteps);
      case "annealed-tracegraph" -> annealed(defaultTraceGraph(), klLambda, rampSteps);
      case "annealed-meanfield" -> annealed(new MeanFieldElbo(1), klLambda, rampSteps);
      case "renyi" -> throw new UserError("estimator 'renyi' needs its order: renyi(α) with"
          + " α ≠ 1, e.g. renyi(0.5)");
      default -> throw unknown(name);
    };
  }

  private static TraceGraphElbo defaultTraceGraph() {
    return TraceGraphElbo.builder().baseline(Baseline.decayingAverage()).build();
  }

  private static AnnealedElbo annealed(Elbo base, double klLambda, long rampSteps) {
    try {
      return new AnnealedElbo(base, KlSchedule.linear(klLambda, rampSteps));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  private static int particles(String name, String text) {
    try {
      int k = Integer.parseInt(text.trim());
      if (k >= 1) {
        return k;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UserError("estimator '" + name + "': the number of particles must be a whole"
        + " number >= 1, got '" + text + "'");
  }

  private static double alpha(String name, String text) {
    double alpha;
    try {
      alpha = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new UserError("estimator '" + name + "': α must be a number, got '" + text + "'");
    }
    if (!Double.isFinite(alpha) || alpha == 1.0) {
      throw new UserError("estimator '" + name + "': α must be a finite number other than 1"
          + " (α = 1 is the ELBO: use 'trace')");
    }
    return alpha;
  }

  private static UserError unknown(String name) {
    String head = name.contains("(") ? name.substring(0, name.indexOf('(')) : name;
    String hint = SpellingSuggestions.closest(head.trim(), PLAIN_NAMES)
        .map(s -> "; did you mean '" + (s.equals("renyi") ? "renyi(α)" : s) + "'?")
        .orElse("");
    return new UserError("unknown estimator '" + name + "'" + hint + " (known: "
        + String.join(", ", NAMES) + ")");
  }
}
