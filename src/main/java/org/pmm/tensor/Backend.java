package org.pmm.tensor;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The only place that knows which ND4J backend (CPU or CUDA) is on the class path. Everything
 * GPU-specific lives here so that the rest of pmm is backend-agnostic.
 */
public final class Backend {
  private Backend() {}

  /** True when the CUDA backend is in use. */
  public static boolean isCuda() {
    return Nd4j.getBackend().getClass().getName().toLowerCase().contains("cuda");
  }

  /** "CPU" or "CUDA". */
  public static String name() {
    return isCuda() ? "CUDA" : "CPU";
  }

  /** A one-line description: backend, device and threads. */
  public static String describe() {
    String device;
    try {
      var info = Nd4j.getExecutioner().getEnvironmentInformation();
      Object name = info.get("cuda.deviceName");
      device = isCuda() && name != null
          ? String.valueOf(name)
          : Runtime.getRuntime().availableProcessors() + " cores, "
              + Nd4j.getEnvironment().maxMasterThreads() + " ND4J threads, BLAS "
              + Nd4j.getExecutioner().getEnvironmentInformation().getOrDefault("blas.vendor", "?");
    } catch (RuntimeException e) {
      device = "unknown device";
    }
    return name() + " (" + device + ")";
  }
}
