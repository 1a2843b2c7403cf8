package org.pmm.experiment.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * The whole of {@code results.json} (docs/cli.md): the pmm version, the data used, every system
 * with its cycles, and the Welch comparisons between rows of interest.
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
    List<Comparison> comparisons) {

  /** Makes the record immutable. */
  public ExperimentResults {
    systems = List.copyOf(systems);
    comparisons = List.copyOf(comparisons);
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
