package org.pmm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.base.ExitCodes;

/**
 * {@code pmm render}: the eight schools' graph has exactly the dependencies of its model (mu,
 * tau, theta_raw and the data sigma into y), y drawn as observed, theta_raw and y inside the
 * plate; an unknown format is a usage error; SVG needs Graphviz's dot, and says so where it is
 * missing.
 */
class RenderCommandTest {
  private static final Pattern EDGE = Pattern.compile("\"([^\"]+)\" -> \"([^\"]+)\"");

  @TempDir
  Path tmp;

  @Test
  void theEightSchoolsGraphHasTheModelsDependencies() throws IOException {
    Path out = tmp.resolve("schools.dot");
    CliRun r = CliRun.of("render", "models/eight_schools.pmm", "--out", out.toString());
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    String dot = Files.readString(out);
    Set<String> edges = new LinkedHashSet<>();
    Matcher m = EDGE.matcher(dot);
    while (m.find()) {
      edges.add(m.group(1) + "->" + m.group(2));
    }
    assertEquals(Set.of("mu->y", "tau->y", "theta_raw->y", "sigma->y"), edges, dot);
    assertTrue(dot.contains("\"y\" [shape=ellipse, style=filled"), dot);
    String plate = dot.substring(dot.indexOf("cluster_plate_school"));
    assertTrue(plate.indexOf("\"theta_raw\"") < plate.indexOf('}')
        && plate.indexOf("\"y\"") < plate.indexOf('}'), "theta_raw and y are in the plate: " + dot);
  }

  @Test
  void formatsAndGraphviz() throws IOException {
    CliRun wrong = CliRun.of("render", "models/beta_bernoulli.pmm", "--out",
        tmp.resolve("coin.jpg").toString());
    assertEquals(ExitCodes.USAGE, wrong.exit(), wrong.err());
    Path svg = tmp.resolve("coin.svg");
    CliRun r = CliRun.of("render", "models/beta_bernoulli.pmm", "--out", svg.toString());
    boolean graphviz = List.of(System.getenv("PATH").split(":")).stream()
        .anyMatch(d -> Files.isExecutable(Path.of(d, "dot")));
    if (graphviz) {
      assertEquals(ExitCodes.OK, r.exit(), r.err());
      assertTrue(Files.readString(svg).contains("<svg"), "an SVG image");
    } else {
      assertEquals(ExitCodes.BAD_INPUT, r.exit(), r.err());
      assertTrue(r.err().contains("needs Graphviz's 'dot' (Debian: apt-get install graphviz)"),
          r.err());
    }
  }
}
