package org.pmm.experiment.systems;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hyperparameter defaults per system kind (docs/pmmo.md). Used where a value is not given (a
 * system built directly in Java); the shipped {@code .pmm} models declare the same values.
 */
final class Defaults {
  private Defaults() {}

  static Map<String, Object> of(String kind) {
    Map<String, Object> m = new LinkedHashMap<>();
    boolean gmu = kind.equals("gmu");
    m.put("hidden", gmu ? 512 : 3000);
    m.put("classifier_width", gmu ? 512 : 3000);
    m.put("maxout_pieces", gmu ? 2 : 5);
    m.put("dropout", gmu ? 0.7 : 0.9);
    m.put("lr", gmu ? 0.001 : 0.005);
    m.put("weight_decay", 0.01);
    m.put("clip", 10.0);
    m.put("max_norm", 10.0);
    m.put("batchnorm", true);
    m.put("batch_size", 512);
    m.put("epochs", 25);
    m.put("select", "best");
    m.put("elbo", "annealed");
    m.put("kl_lambda", 0.2);
    m.put("kl_anneal_epochs", 12);
    m.put("l1", 0.0);
    m.put("l2", 0.1);
    m.put("prior_loc", 0.0);
    m.put("prior_scale", 1.0);
    m.put("guide_scale_init", 0.01);
    m.put("predict_samples", 0);
    m.put("detach_fusion", false);
    m.put("threshold", 0.5);
    m.put("split", "official");
    m.put("split_seed", 0);
    return m;
  }
}
