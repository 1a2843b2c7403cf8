package org.pmm.experiment.systems;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The resolved hyperparameters of one system (SPEC §3's table), typed. Built from the name →
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

  /** Reads every field from {@code values}, falling back to SPEC §3's defaults for the kind. */
  public static SystemConfig fromMap(String kind, Map<String, ?> values) {
    Map<String, Object> all = new LinkedHashMap<>(Defaults.of(kind));
    all.putAll(values);
    Reader r = new Reader(all);
    return new SystemConfig(kind, r.integer("hidden"), r.integer("classifier_width"),
        r.integer("maxout_pieces"), r.real("dropout"), r.real("lr"), r.real("weight_decay"),
        r.real("clip"), r.real("max_norm"), r.bool("batchnorm"), r.integer("batch_size"),
        r.integer("epochs"), r.text("select"), r.text("elbo"), r.real("kl_lambda"),
        r.integer("kl_anneal_epochs"), r.real("l1"), r.real("l2"), r.real("prior_loc"),
        r.real("prior_scale"), r.real("guide_scale_init"), r.integer("predict_samples"),
        r.bool("detach_fusion"), r.real("threshold"), r.text("split"),
        (long) r.integer("split_seed"), Map.copyOf(all));
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
