package org.pmm.experiment.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.pmm.experiment.report.SystemResult;
import org.pmm.infer.Elbos;

/**
 * Rows of a grid whose trainings are one computation. A row's training is fixed by its model's
 * sources, the values in force (every hyperparameter and setting, resolved) and the seeds; two
 * estimators that compute the same loss and gradients for the program's guides count as one
 * ({@link Elbos#coincident}: {@code tracegraph} is {@code trace} when every latent site of the
 * guide is reparameterised). A grid trains the first row of each such group and gives the
 * others its cycles, test predictions and predictive draws, with a note saying so: they would
 * be the same bits, at the same cost again.
 *
 * <pre>{@code
 * String key = SharedTrainings.key(digest, config.resolved(), program.guidesReparameterised());
 * Map<String, SystemRun.Row> reuse = SharedTrainings.of(rows);  // "pmmo-elbov1" -> pmmo-elbov2's row
 * }</pre>
 */
public final class SharedTrainings {
  private SharedTrainings() {}

  /**
   * The training a row computes: the sources' digest and the resolved values, in name order,
   * each estimator name replaced by the one it coincides with for these guides.
   *
   * @param reparameterised whether every latent site of the program's guides is reparameterised
   */
  public static String key(String modelDigest, Map<String, Object> resolved,
      boolean reparameterised) {
    Map<String, Object> values = new TreeMap<>();
    resolved.forEach((name, value) -> values.put(name,
        value instanceof String s ? Elbos.coincident(s, reparameterised) : value));
    return modelDigest + "\0" + values;
  }

  /**
   * Each row whose training an earlier row of {@code rows} computes, by slug, mapped to that
   * earlier row (the first of its group); rows without a {@code training} key share nothing.
   */
  public static Map<String, SystemRun.Row> of(List<SystemRun.Row> rows) {
    Map<String, SystemRun.Row> first = new LinkedHashMap<>();
    Map<String, SystemRun.Row> reuse = new LinkedHashMap<>();
    for (SystemRun.Row row : rows) {
      if (row.training() == null) {
        continue;
      }
      SystemRun.Row earlier = first.putIfAbsent(row.training(), row);
      if (earlier != null) {
        reuse.put(row.slug(), earlier);
      }
    }
    return reuse;
  }

  /** The rows a grid trains: those that reuse no earlier row's training. */
  public static List<SystemRun.Row> trained(List<SystemRun.Row> rows) {
    Map<String, SystemRun.Row> reuse = of(rows);
    return rows.stream().filter(r -> !reuse.containsKey(r.slug())).toList();
  }

  /**
   * Why {@code row} takes {@code trainedBy}'s cycles, for its results' notes, e.g. "trained once
   * with PM+MO (ELBOv2+L2): elbo = trace here, tracegraph there, which compute the same loss and
   * gradients when every latent site of the guide is reparameterised".
   */
  public static String note(SystemRun.Row row, SystemRun.Row trainedBy) {
    Map<String, Object> here = row.config().resolved();
    Map<String, Object> there = trainedBy.config().resolved();
    List<String> differences = new ArrayList<>();
    here.forEach((name, value) -> {
      if (!Objects.equals(value, there.get(name))) {
        differences.add(name + " = " + value + " here, " + there.get(name) + " there");
      }
    });
    String why = differences.isEmpty() ? "the same sources and values"
        : String.join("; ", differences) + ", which compute the same loss and gradients when"
            + " every latent site of the guide is reparameterised";
    return SystemResult.TRAINED_ONCE + trainedBy.name() + " (" + why + "): its cycles, predictions"
        + " and predictive draws are that row's";
  }
}
