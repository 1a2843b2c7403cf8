package org.pmm.cli;

import org.pmm.base.ExitCodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pmm bench --compare-pytorch} without a usable PyTorch fails at once, before any timing,
 * with one message and exit 1. Runs the CLI in a child JVM to set PMM_PYTHON.
 */
class BenchComparePytorchTest {
  @TempDir Path tmp;

  @Test
  void anInterpreterWithoutTorchIsNamedWithTheInstallCommand() throws Exception {
    Path missing = tmp.resolve("no-python");
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "org.pmm.cli.Main",
        "bench", "--compare-pytorch", "--steps", "1", "--out", tmp.resolve("b.json").toString());
    pb.environment().put("PMM_PYTHON", missing.toString());
    Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(ExitCodes.BAD_INPUT, p.exitValue(), err);
    assertEquals("pmm: error: --compare-pytorch: PMM_PYTHON=" + missing + " cannot import torch (or does"
        + " not run): point it at a Python that has PyTorch, or unset it to try python3,"
        + " /usr/bin/python3; on Debian: apt-get install python3-torch", err.strip());
    assertFalse(tmp.resolve("b.json").toFile().exists());
  }
}
