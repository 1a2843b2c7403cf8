package org.pmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interpreter search, without PyTorch: probes are stand-ins, or small scripts that exit as
 * an interpreter with or without torch would.
 */
class PythonFinderTest {
  @TempDir Path tmp;

  @Test
  void triesPython3ThenDebiansInterpreterAndTakesTheFirstWithTorch() {
    List<String> tried = new ArrayList<>();
    String found = PythonFinder.find(Map.of(), python -> {
      tried.add(python);
      return python.equals("/usr/bin/python3");
    });
    assertEquals("/usr/bin/python3", found);
    assertEquals(List.of("python3", "/usr/bin/python3"), tried);
  }

  @Test
  void stopsAtTheFirstThatHasTorch() {
    List<String> tried = new ArrayList<>();
    assertEquals("python3", PythonFinder.find(Map.of(), python -> tried.add(python)));
    assertEquals(List.of("python3"), tried);
  }

  @Test
  void whenNoneHasTorchTheMessageSaysWhatWasTriedAndHowToInstallIt() {
    PytorchReferenceException e = assertThrows(PytorchReferenceException.class,
        () -> PythonFinder.find(Map.of(), python -> false));
    assertEquals("--compare-pytorch needs PyTorch, and no interpreter tried can import torch"
        + " (tried: python3, /usr/bin/python3). Install it with 'apt-get install python3-torch'"
        + " (Debian), or set PMM_PYTHON to a Python that has it.", e.getMessage());
  }

  @Test
  void theOverrideIsTheOnlyCandidateAndItsFailureNamesIt() {
    List<String> tried = new ArrayList<>();
    PytorchReferenceException e = assertThrows(PytorchReferenceException.class,
        () -> PythonFinder.find(Map.of("PMM_PYTHON", "/opt/py/bin/python"), python -> {
          tried.add(python);
          return false;
        }));
    assertEquals(List.of("/opt/py/bin/python"), tried);
    assertTrue(e.getMessage().startsWith("PMM_PYTHON=/opt/py/bin/python cannot import torch"),
        e.getMessage());
    assertTrue(e.getMessage().contains("apt-get install python3-torch"), e.getMessage());
  }

  @Test
  void aBlankOverrideIsIgnored() {
    assertEquals("python3", PythonFinder.find(Map.of("PMM_PYTHON", " "), python -> true));
  }

  @Test
  void theProbeRunsTheInterpreterAndReadsItsExitCode() throws IOException {
    // "import torch" fails with exit 1 in a Python without torch, succeeds with 0 with it
    assertTrue(PythonFinder.canImportTorch(script("with-torch", "exit 0").toString()));
    assertFalse(PythonFinder.canImportTorch(script("without-torch", "exit 1").toString()));
    assertFalse(PythonFinder.canImportTorch(tmp.resolve("no-such-python").toString()));
  }

  @Test
  void theProbePassesImportTorchToTheInterpreter() throws IOException {
    Path python = script("checks-args", "[ \"$1\" = -c ] && [ \"$2\" = 'import torch' ]");
    assertTrue(PythonFinder.canImportTorch(python.toString()));
  }

  private Path script(String name, String body) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }
}
