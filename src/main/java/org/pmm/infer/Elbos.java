package org.pmm.infer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pmm.base.SpellingSuggestions;
import org.pmm.base.UserError;

/**
 * The registry of ELBO estimators: every name users write ({@code --set elbo=...}, the {@code
 * estimator:} of a {@code .pmm} objective, the Java API), its parameter, one line of help and
 * how it is built. The language's vocabulary, {@code --set} checks, error messages and the
 * documentation read this list. A name with a parameter is written as a call: {@code iwae(8)},
 * {@code renyi(0.5)}.
 *
 * <pre>{@code
 * Elbo e = Elbos.create("trace");
 * Elbo a = Elbos.create("annealed", new Elbos.Options(0.2, 12 * stepsPerEpoch, 1));
 * Elbo r = Elbos.create("renyi(0.5)");
 * Elbos.isKnown("iwae(8)");   // true
 * }</pre>
 */
public final class Elbos {
  /** Particles of {@code iwae} and {@code renyi(α)} when the name does not say. */
  public static final int DEFAULT_BOUND_PARTICLES = 4;

  /**
   * What an estimator may take besides its name: the annealing schedule (β from {@code
   * klLambda} to 1 over {@code rampSteps} steps) and the number of particles.
   */
  public record Options(double klLambda, long rampSteps, int particles) {
    /** β from 0.2 over no steps (so 1 from the first step), one particle. */
    public static final Options DEFAULT = new Options(0.2, 0, 1);

    public Options {
      if (particles < 1) {
        throw new UserError("particles must be at least 1, got " + particles);
      }
    }
  }

  /** Builds an estimator from its parameter (null when it has none) and the options. */
  private interface Factory {
    Elbo create(String written, Double parameter, Options options);
  }

  /**
   * One estimator: {@code parameter} names its argument ({@code K}, {@code α}) or is null;
   * {@code required} says whether the argument must be written.
   */
  public record Estimator(String name, String parameter, boolean required, String help,
      Factory factory) {
    /** The name as users write it: {@code trace}, {@code iwae(K)}, {@code renyi(α)}. */
    public String usage() {
      return parameter == null ? name : name + "(" + parameter + ")";
    }
  }

  private static final List<Estimator> ALL = List.of(
      new Estimator("trace", null, false,
          "Monte Carlo −ELBO (Trace_ELBO, the paper's ELBOv1); score-function terms for"
              + " non-reparameterised sites",
          (w, p, o) -> new TraceElbo(o.particles())),
      new Estimator("tracegraph", null, false,
          "Rao-Blackwellised score-function gradients with a decaying-average baseline"
              + " (TraceGraph_ELBO, ELBOv2)",
          (w, p, o) -> traceGraph(o.particles())),
      new Estimator("meanfield", null, false,
          "analytic KL where a closed form exists (TraceMeanField_ELBO)",
          (w, p, o) -> new MeanFieldElbo(o.particles())),
      new Estimator("iwae", "K", false,
          "importance-weighted bound with K particles (default " + DEFAULT_BOUND_PARTICLES + ")",
          (w, p, o) -> new IwaeElbo(p == null ? DEFAULT_BOUND_PARTICLES : particles(w, p))),
      new Estimator("renyi", "α", true,
          "Rényi divergence bound of order α ≠ 1 with " + DEFAULT_BOUND_PARTICLES + " particles",
          (w, p, o) -> new RenyiElbo(alpha(w, p), DEFAULT_BOUND_PARTICLES)),
      new Estimator("annealed", null, false,
          "KL annealing over trace (the paper's λKL): β rises linearly from kl_lambda to 1",
          (w, p, o) -> annealed(new TraceElbo(o.particles()), o)),
      new Estimator("annealed_tracegraph", null, false, "KL annealing over tracegraph",
          (w, p, o) -> annealed(traceGraph(o.particles()), o)),
      new Estimator("annealed_meanfield", null, false, "KL annealing over meanfield",
          (w, p, o) -> annealed(new MeanFieldElbo(o.particles()), o)));

  private static final Pattern CALL = Pattern.compile("([A-Za-z_][A-Za-z_0-9-]*)\\s*\\((.*)\\)");

  private Elbos() {}

  /** Every estimator, in the order help lists them. */
  public static List<Estimator> all() {
    return ALL;
  }

  /** The names as users write them: {@code trace, ..., iwae(K), renyi(α), ...}. */
  public static List<String> usages() {
    return ALL.stream().map(Estimator::usage).toList();
  }

  /** The bare names: {@code trace, tracegraph, ...}. */
  public static List<String> names() {
    return ALL.stream().map(Estimator::name).toList();
  }

  /** One line per estimator: its usage and its help. */
  public static String help() {
    StringBuilder b = new StringBuilder();
    for (Estimator e : ALL) {
      b.append(String.format("  %-20s %s%n", e.usage(), e.help()));
    }
    return b.toString();
  }

  /** Whether {@link #create} accepts {@code written} (name and parameter). */
  public static boolean isKnown(String written) {
    try {
      create(written);
      return true;
    } catch (UserError e) {
      return false;
    }
  }

  /** The reason {@code written} is not an estimator, or empty when it is one. */
  public static Optional<String> problem(String written) {
    try {
      create(written);
      return Optional.empty();
    } catch (UserError e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * The estimator that computes exactly the loss and gradients of {@code written} for a guide
   * whose latent sites are all reparameterised: {@code trace} for {@code tracegraph} (with no
   * site drawn without a pathwise gradient there is no score term to Rao-Blackwellise;
   * {@link TraceGraphElbo}) and {@code annealed} for {@code annealed_tracegraph}; any other name
   * as written. With {@code reparameterised} false, {@code written} itself.
   *
   * <pre>{@code
   * Elbos.coincident("tracegraph", true);    // "trace"
   * Elbos.coincident("tracegraph", false);   // "tracegraph": score terms differ
   * }</pre>
   */
  public static String coincident(String written, boolean reparameterised) {
    if (!reparameterised) {
      return written;
    }
    return switch (written.trim().replace('-', '_')) {
      case "tracegraph" -> "trace";
      case "annealed_tracegraph" -> "annealed";
      default -> written;
    };
  }

  /** The estimator with default options. */
  public static Elbo create(String written) {
    return create(written, Options.DEFAULT);
  }

  /**
   * @param klLambda β at the first step (annealed estimators only)
   * @param rampSteps steps over which β rises linearly to 1 (annealed estimators only)
   */
  public static Elbo create(String written, double klLambda, long rampSteps) {
    return create(written, new Options(klLambda, rampSteps, 1));
  }

  /**
   * @throws UserError for an unknown name, a missing or bad parameter, or options the
   *     estimator cannot take
   */
  public static Elbo create(String written, Options options) {
    String text = written.trim();
    String name = text;
    String argument = null;
    Matcher call = CALL.matcher(text);
    if (call.matches()) {
      name = call.group(1);
      argument = call.group(2).trim();
    }
    Estimator e = find(name.replace('-', '_'));
    if (e == null) {
      throw unknown(written, name);
    }
    Double parameter = null;
    if (argument != null) {
      if (e.parameter() == null) {
        throw new UserError("estimator '" + e.name() + "' takes no parameter, got '" + written + "'");
      }
      parameter = number(written, e, argument);
    } else if (e.required()) {
      throw new UserError("estimator '" + e.name() + "' needs its parameter: " + e.usage()
          + ", e.g. " + e.name() + "(0.5)");
    }
    return e.factory().create(written, parameter, options);
  }

  private static Estimator find(String name) {
    for (Estimator e : ALL) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static double number(String written, Estimator e, String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException x) {
      throw new UserError("estimator '" + written + "': " + e.parameter() + " must be a number, got '"
          + text + "'");
    }
  }

  private static TraceGraphElbo traceGraph(int particles) {
    return TraceGraphElbo.builder().particles(particles).baseline(Baseline.decayingAverage()).build();
  }

  private static AnnealedElbo annealed(Elbo base, Options o) {
    try {
      return new AnnealedElbo(base, KlSchedule.linear(o.klLambda(), o.rampSteps()));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  private static int particles(String written, double k) {
    if (k >= 1 && k == Math.rint(k) && k <= Integer.MAX_VALUE) {
      return (int) k;
    }
    throw new UserError("estimator '" + written + "': the number of particles must be a whole"
        + " number >= 1, got '" + (k == Math.rint(k) ? String.valueOf((long) k) : String.valueOf(k)) + "'");
  }

  private static double alpha(String written, Double alpha) {
    if (alpha == null || !Double.isFinite(alpha) || alpha == 1.0) {
      throw new UserError("estimator '" + written + "': α must be a finite number other than 1"
          + " (α = 1 is the ELBO: use 'trace')");
    }
    return alpha;
  }

  private static UserError unknown(String written, String name) {
    List<String> candidates = new ArrayList<>(names());
    String hint = SpellingSuggestions.closest(name.trim(), candidates)
        .map(s -> "; did you mean '" + find(s).usage() + "'?")
        .orElse("");
    return new UserError("unknown estimator '" + written + "'" + hint + " (known: "
        + String.join(", ", usages()) + ")");
  }
}
