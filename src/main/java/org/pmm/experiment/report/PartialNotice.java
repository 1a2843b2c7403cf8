package org.pmm.experiment.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report's warning that a merge of shards lacks cycles: which ones, and what that means for
 * the figures beside it. Absent from a complete report.
 *
 * <pre>{@code
 * PartialNotice.append(md, results);   // "**Partial results.** 3 of the grid's cycles ..."
 * }</pre>
 */
final class PartialNotice {
  private PartialNotice() {}

  static void append(StringBuilder md, ExperimentResults r) {
    if (!r.partial()) {
      return;
    }
    Map<String, List<Integer>> bySystem = new LinkedHashMap<>();
    r.missing().forEach(m -> bySystem.computeIfAbsent(m.slug(), s -> new java.util.ArrayList<>())
        .add(m.cycle() + 1));
    md.append("\n**Partial results.** ").append(r.missing().size())
        .append(r.missing().size() == 1 ? " cycle" : " cycles")
        .append(" of the grid had not finished when this report was merged and ")
        .append(r.missing().size() == 1 ? "is" : "are").append(" left out: ")
        .append(bySystem.entrySet().stream().map(e -> e.getKey() + " cycle"
            + (e.getValue().size() == 1 ? " " : "s ") + e.getValue().stream()
                .map(String::valueOf).collect(Collectors.joining(", ")))
            .collect(Collectors.joining("; ")))
        .append(". Means, deviations and comparisons below are over the finished cycles only;")
        .append(" finish the missing shares and merge again for the full report.\n");
  }
}
