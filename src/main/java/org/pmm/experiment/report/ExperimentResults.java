package org.pmm.experiment.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * The whole of {@code results.json} (docs/cli.md): the pmm version, the data used, every system
 * with its cycles, and the Welch comparisons between rows of interest. A merge of shards that did
 * not all finish lists the cycles it lacks in {@code missing} (absent when nothing is missing).
 *
 * <pre>{@code
 * ExperimentResults r = ExperimentResults.withStandardComparisons("0.1.0", data, systems);
 * ResultsJson.write(out.resolve("results.json"), r);
 * }</pre>
 */
public record ExperimentResults(
    @JsonProperty("pmm_version") String pmmVersion,
    DataInfo data,
    List<SystemResult> systems,
    List<Comparison> comparisons,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<MissingCycle> missing) {

  /** A cycle of the grid with no results: {@code cycle} counts from 0, as in the file names. */
  public record MissingCycle(@JsonProperty("system") String slug, int cycle) {}

  /** Makes the record immutable. */
  public ExperimentResults {
    systems = List.copyOf(systems);
    comparisons = List.copyOf(comparisons);
    missing = missing == null ? List.of() : List.copyOf(missing);
  }

  /** Complete results: nothing missing. */
  public ExperimentResults(String pmmVersion, DataInfo data, List<SystemResult> systems,
      List<Comparison> comparisons) {
    this(pmmVersion, data, systems, comparisons, List.of());
  }

  /** These results, marked as lacking the given cycles. */
  public ExperimentResults withMissing(List<MissingCycle> cycles) {
    return new ExperimentResults(pmmVersion, data, systems, comparisons, cycles);
  }

  /** Whether cycles of the grid are missing (a partial merge). */
  public boolean partial() {
    return !missing.isEmpty();
  }

  /** Results with the comparisons of {@link Comparisons#standard(List)} for the systems present. */
  public static ExperimentResults withStandardComparisons(String pmmVersion, DataInfo data,
      List<SystemResult> systems) {
    return new ExperimentResults(pmmVersion, data, systems, Comparisons.standard(systems));
  }

  /** The system with this slug, if present. */
  public Optional<SystemResult> system(String slug) {
    return systems.stream().filter(s -> s.slug().equals(slug)).findFirst();
  }
}
