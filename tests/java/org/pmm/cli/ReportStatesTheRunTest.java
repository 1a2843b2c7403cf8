package org.pmm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.base.ExitCodes;
import org.pmm.data.SurrogateGenerator;
import org.pmm.experiment.run.ExperimentRows;

/**
 * report.md states the run that produced it: its "Command:" line is the arguments given, each
 * row's label says what the row ran (its width, estimator and penalties, read back from
 * results.json's {@code config}), its configuration tables hold exactly results.json's
 * {@code config} and nothing its model does not declare, and a {@code --set} that would make a
 * label wrong is refused (exit 2) naming the row. Runs the whole {@code experiment} at its
 * quick scale, one epoch per cycle, on a 600-row surrogate.
 */
class ReportStatesTheRunTest {
  @TempDir
  static Path tmp;
  static Path data;

  @BeforeAll
  static void data() throws IOException {
    data = tmp.resolve("small.h5");
    SurrogateGenerator.write(data, 600, 0, line -> { });
  }

  @Test
  void experimentReportStatesTheCommandTheLabelsAndTheConfiguration() throws IOException {
    Path out = tmp.resolve("run");
    List<String> args = List.of("experiment", "--data", data.toString(), "--cycles", "2",
        "--seed", "3", "--set", "epochs=1", "--set", "dropout=0.5", "--out", out.toString(),
        "--quiet");
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(ExitCodes.OK, run.exit(), run.err());
    String report = Files.readString(out.resolve("report.md"));
    assertEquals("pmm " + String.join(" ", args), commandLine(report));

    JsonNode systems = new ObjectMapper().readTree(out.resolve("results.json").toFile())
        .get("systems");
    Map<String, Map<String, String>> tables = configurationTables(report);
    assertEquals(ExperimentRows.ALL.size(), systems.size());
    for (int i = 0; i < systems.size(); i++) {
      JsonNode s = systems.get(i);
      ExperimentRows.RowSpec row = ExperimentRows.ALL.get(i);
      assertEquals(row.slug(), s.get("slug").asText());
      assertEquals(row.name(), s.get("name").asText());
      Map<String, String> config = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = s.get("config").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        config.put(e.getKey(), e.getValue().asText());
      }
      assertEquals(config, tables.get(row.slug()), row.slug() + ": the report's configuration");
      labelSaysWhatRan(row.name(), config);
      assertEquals("1", config.get("epochs"), row.slug());
      assertEquals("0.5", config.get("dropout"), row.slug());
    }
    assertTrue(report.contains("Layer width (hidden 256 against 1024, classifier_width 256"
        + " against 1024)"), "the layer-width comparison states the widths that ran");
  }

  @Test
  void trainReportStatesTheCommand() throws IOException {
    Path out = tmp.resolve("train");
    List<String> args = List.of("train", "models/gmu.pmm", "--data", data.toString(), "--set",
        "hidden=16", "--set", "classifier_width=16", "--set", "epochs=1", "--seed", "5",
        "--cycles", "1", "--workers", "2", "--out", out.toString(), "--quiet");
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(ExitCodes.OK, run.exit(), run.err());
    String report = Files.readString(out.resolve("report.md"));
    assertEquals("pmm " + String.join(" ", args), commandLine(report));
    // one cycle trains alone, with every core, whatever --workers asks for
    assertFalse(report.contains("at the same time"), report);
  }

  @Test
  void aSetThatWouldMislabelARowIsRefusedNamingIt() {
    CliRun hidden = CliRun.of("experiment", "--data", data.toString(), "--set", "hidden=64",
        "--out", tmp.resolve("refused").toString());
    assertEquals(ExitCodes.USAGE, hidden.exit(), hidden.err());
    assertTrue(hidden.err().contains("--set hidden would change what defines row"
        + " PM+MO (λKL+L2+1024)"), hidden.err());
    CliRun elbo = CliRun.of("experiment", "--data", data.toString(), "--set", "elbo=trace",
        "--out", tmp.resolve("refused").toString());
    assertEquals(ExitCodes.USAGE, elbo.exit(), elbo.err());
    assertTrue(elbo.err().contains("PM+MO (ELBOv2+L2)"), elbo.err());
    assertFalse(elbo.err().contains("GMU"), elbo.err());
    assertFalse(Files.exists(tmp.resolve("refused")), "refused before anything is written");
  }

  /** The width, estimator and penalties a row's label names are the ones in its config. */
  private static void labelSaysWhatRan(String label, Map<String, String> config) {
    if (!label.startsWith("PM+MO")) {
      assertFalse(config.containsKey("elbo"), label + " declares no estimator");
      assertFalse(config.containsKey("l2"), label + " declares no L2 penalty");
      boolean regularised = !label.contains("without regularisation");
      if (label.startsWith("GMU")) {
        assertEquals(String.valueOf(regularised), config.get("batchnorm"), label);
      }
      return;
    }
    String width = label.contains("+1024") ? "1024" : "256";
    assertEquals(width, config.get("hidden"), label);
    assertEquals(width, config.get("classifier_width"), label);
    String estimator = label.contains("ELBOv1") ? "trace"
        : label.contains("ELBOv2") ? "tracegraph" : "annealed";
    assertEquals(estimator, config.get("elbo"), label);
    assertEquals(label.contains("L2"), Double.parseDouble(config.get("l2")) > 0, label);
    assertEquals(label.contains("L1"), Double.parseDouble(config.get("l1")) > 0, label);
  }

  private static String commandLine(String report) {
    for (String line : report.split("\n")) {
      if (line.startsWith("Command: `")) {
        return line.substring("Command: `".length(), line.length() - 1);
      }
    }
    throw new AssertionError("no Command: line in\n" + report);
  }

  /**
   * Each system's configuration as the report's "Configuration and seeds" section gives it: the
   * shared table, then the system's own settings, keyed by slug.
   */
  private static Map<String, Map<String, String>> configurationTables(String report) {
    String section = report.substring(report.indexOf("## Configuration and seeds"));
    section = section.substring(0, section.indexOf("\n## ", 1) < 0 ? section.length()
        : section.indexOf("\n## ", 1));
    Map<String, String> shared = new LinkedHashMap<>();
    Map<String, Map<String, String>> bySlug = new LinkedHashMap<>();
    for (String line : section.split("\n")) {
      List<String> cells = cells(line);
      if (cells.size() == 2 && !cells.get(0).equals("Hyperparameter")) {
        shared.put(cells.get(0), cells.get(1));
      } else if (cells.size() == 6 && !cells.get(0).equals("System")) {
        Map<String, String> config = new LinkedHashMap<>(shared);
        if (!cells.get(3).equals("—")) {
          for (String setting : cells.get(3).split(", ")) {
            int eq = setting.indexOf('=');
            config.put(setting.substring(0, eq), setting.substring(eq + 1));
          }
        }
        bySlug.put(cells.get(1), config);
      }
    }
    return bySlug;
  }

  private static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    if (!line.startsWith("|") || line.startsWith("|---") || line.startsWith("|:")) {
      return cells;
    }
    for (String c : line.substring(1, line.length() - 1).split("\\|")) {
      cells.add(c.trim());
    }
    return cells;
  }
}
