package org.pmm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code pmm --version}: the version, the ND4J backend with its device, and how the element-wise
 * kernels run (the tests run with the Vector API's module, as the launcher does).
 */
class VersionCommandTest {
  @Test
  void namesVersionBackendAndKernels() {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    assertEquals(0, cli.execute("--version"));
    String[] lines = out.toString().replace("\r", "").split("\n");
    assertEquals("pmm " + Main.VERSION, lines[0]);
    assertEquals(true, lines[1].startsWith("backend: CPU ("), lines[1]);
    int lanes = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
    assertEquals("element-wise kernels: vector (" + lanes + " floats)", lines[2]);
  }
}
