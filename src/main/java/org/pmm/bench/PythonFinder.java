package org.pmm.bench;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Finds a Python interpreter that can import torch, for {@code bench/pytorch_reference.py}.
 * {@code PMM_PYTHON}, when set, is the only candidate; otherwise {@code python3} on the path,
 * then {@code /usr/bin/python3}, where Debian's python3-torch installs (a pyenv or virtualenv
 * {@code python3} earlier on the path often lacks it).
 *
 * <pre>{@code
 * String python = PythonFinder.find(System.getenv());   // e.g. "/usr/bin/python3"
 * }</pre>
 */
public final class PythonFinder {
  /** The environment variable that names the interpreter to use. */
  public static final String OVERRIDE = "PMM_PYTHON";

  static final List<String> DEFAULT_CANDIDATES = List.of("python3", "/usr/bin/python3");

  private static final long PROBE_SECONDS = 120;

  /** Whether an interpreter runs and can import torch. */
  @FunctionalInterface
  interface Probe {
    boolean hasTorch(String python);
  }

  private PythonFinder() {}

  /** The first candidate that can import torch; throws with advice when none can. */
  public static String find(Map<String, String> env) {
    return find(env, PythonFinder::canImportTorch);
  }

  static String find(Map<String, String> env, Probe probe) {
    String override = env.get(OVERRIDE);
    boolean overridden = override != null && !override.isBlank();
    List<String> candidates = overridden ? List.of(override) : DEFAULT_CANDIDATES;
    for (String python : candidates) {
      if (probe.hasTorch(python)) {
        return python;
      }
    }
    if (overridden) {
      throw new PytorchReferenceException(OVERRIDE + "=" + override + " cannot import torch"
          + " (or does not run): point it at a Python that has PyTorch, or unset it to try "
          + String.join(", ", DEFAULT_CANDIDATES) + "; on Debian: apt-get install python3-torch");
    }
    throw new PytorchReferenceException("--compare-pytorch needs PyTorch, and no interpreter"
        + " tried can import torch (tried: " + String.join(", ", candidates) + "). Install it"
        + " with 'apt-get install python3-torch' (Debian), or set " + OVERRIDE + " to a Python"
        + " that has it.");
  }

  /** Runs {@code python -c "import torch"}; false when it fails, cannot start or hangs. */
  static boolean canImportTorch(String python) {
    ProcessBuilder pb = new ProcessBuilder(python, "-c", "import torch")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    try {
      Process p = pb.start();
      if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
