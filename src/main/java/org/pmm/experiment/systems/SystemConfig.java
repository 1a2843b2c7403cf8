package org.pmm.experiment.systems;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The resolved hyperparameters of one system (docs/pmmo.md, hyperparameters), typed. Built from the name →
 * value map a checked {@code .pmm} file yields after {@code --set} overrides.
 *
 * <pre>{@code
 * SystemConfig c = SystemConfig.fromMap("pmmo", program.hyperparameters());
 * }</pre>
 */
public record SystemConfig(
    String kind,
    int hidden,
    int classifierWidth,
    int maxoutPieces,
    double dropout,
    double lr,
    double weightDecay,
    double clip,
    double maxNorm,
    boolean batchnorm,
    int batchSize,
    int epochs,
    String select,
    String elbo,
    double klLambda,
    int klAnnealEpochs,
    double l1,
    double l2,
    double priorLoc,
    double priorScale,
    double guideScaleInit,
    int predictSamples,
    boolean detachFusion,
    double threshold,
    String split,
    long splitSeed,
    Map<String, Object> resolved) {

  /**
   * Reads every field from {@code values}, falling back to the kind's defaults (docs/pmmo.md).
   * {@link #resolved} is {@code values} alone: what results.json and the report list as the
   * system's configuration is what its model declares, not the defaults of settings it does not
   * have (a GMU has no {@code elbo}).
   */
  public static SystemConfig fromMap(String kind, Map<String, ?> values) {
    Map<String, Object> all = new LinkedHashMap<>(Defaults.of(kind));
    all.putAll(values);
    Reader r = new Reader(all);
    // resolved keeps insertion order: Map.copyOf's order changes from one JVM to the next, and
    // results.json (which lists this map) should not
    return new SystemConfig(kind, r.integer("hidden"), r.integer("classifier_width"),
        r.integer("maxout_pieces"), r.real("dropout"), r.real("lr"), r.real("weight_decay"),
        r.real("clip"), r.real("max_norm"), r.bool("batchnorm"), r.integer("batch_size"),
        r.integer("epochs"), r.text("select"), r.text("elbo"), r.real("kl_lambda"),
        r.integer("kl_anneal_epochs"), r.real("l1"), r.real("l2"), r.real("prior_loc"),
        r.real("prior_scale"), r.real("guide_scale_init"), r.integer("predict_samples"),
        r.bool("detach_fusion"), r.real("threshold"), r.text("split"),
        (long) r.integer("split_seed"),
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values)));
  }

  /** Rejects values no system can train with, naming the hyperparameter and the value. */
  public SystemConfig {
    positive("hidden", hidden);
    positive("classifier_width", classifierWidth);
    positive("maxout_pieces", maxoutPieces);
    positive("batch_size", batchSize);
    positive("epochs", epochs);
    require("dropout", dropout >= 0 && dropout < 1, dropout, "in [0, 1)");
    require("lr", lr > 0 && Double.isFinite(lr), lr, "positive");
    require("weight_decay", weightDecay >= 0, weightDecay, ">= 0");
    require("clip", clip > 0, clip, "positive");
    require("max_norm", maxNorm >= 0, maxNorm, ">= 0 (0 turns it off)");
    require("threshold", threshold > 0 && threshold < 1, threshold, "in (0, 1)");
    require("kl_lambda", klLambda > 0 && klLambda <= 1, klLambda, "in (0, 1]");
    require("kl_anneal_epochs", klAnnealEpochs >= 0, klAnnealEpochs, ">= 0");
    require("l1", l1 >= 0, l1, ">= 0");
    require("l2", l2 >= 0, l2, ">= 0");
    require("prior_scale", priorScale > 0, priorScale, "positive");
    require("guide_scale_init", guideScaleInit > 0, guideScaleInit, "positive");
    require("predict_samples", predictSamples >= 0, predictSamples, ">= 0");
    require("select", select.equals("best") || select.equals("last"), select, "best or last");
  }

  private static void positive(String name, int value) {
    require(name, value > 0, value, "a positive integer");
  }

  private static void require(String name, boolean ok, Object value, String rule) {
    if (!ok) {
      throw new IllegalArgumentException("hyperparameter '" + name + "' must be " + rule
          + ", got " + value);
    }
  }

  private record Reader(Map<String, Object> values) {
    Object get(String name) {
      Object v = values.get(name);
      if (v == null) {
        throw new IllegalArgumentException("hyperparameter '" + name + "' has no value");
      }
      return v;
    }

    int integer(String name) {
      Object v = get(name);
      if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
        return n.intValue();
      }
      return Integer.parseInt(v.toString().trim());
    }

    double real(String name) {
      Object v = get(name);
      return v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString().trim());
    }

    boolean bool(String name) {
      Object v = get(name);
      return v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString().trim());
    }

    String text(String name) {
      return get(name).toString();
    }
  }
}
