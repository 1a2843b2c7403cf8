package org.pmm.tensor.kernels;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The only place that knows which ND4J backend (CPU or CUDA) is on the class path. Everything
 * GPU-specific lives here so that the rest of pmm is backend-agnostic. The backend is chosen at
 * build time: the default build puts ND4J's CPU backend on the class path, {@code mvn -Pcuda}
 * its CUDA 11.6 backend.
 *
 * <pre>{@code
 * Backend.name();        // "CPU" or "CUDA"
 * Backend.describe();    // "CPU (2 cores, 2 ND4J threads, BLAS OPENBLAS (SKYLAKEX kernels))"
 *                        // "CUDA (device 0 of 1: Tesla K80, 11.2 GB, compute capability 3.7)"
 * }</pre>
 */
public final class Backend {
  private static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

  private Backend() {}

  /** True when the CUDA backend is in use. */
  public static boolean isCuda() {
    return Nd4j.getBackend().getClass().getName().toLowerCase().contains("cuda");
  }

  /**
   * Whether arrays' buffers are host memory that Java may read and write in place (pmm's own
   * kernels, {@link DenseFloats}): true on the CPU backend; with CUDA a buffer's host view is not
   * kept in step with the device, so every kernel takes its ND4J composition there.
   */
  public static boolean hostMemory() {
    return !isCuda();
  }

  /** "CPU" or "CUDA". */
  public static String name() {
    return isCuda() ? "CUDA" : "CPU";
  }

  /** The device computations run on: the GPU in use, or the cores and BLAS of the CPU. */
  public static String device() {
    try {
      Map<Object, Object> info = Nd4j.getExecutioner().getEnvironmentInformation();
      if (isCuda()) {
        return cudaDevice(info, Nd4j.getAffinityManager().getDeviceForCurrentThread());
      }
      return Runtime.getRuntime().availableProcessors() + " cores, "
          + Nd4j.getEnvironment().maxMasterThreads() + " ND4J threads, BLAS "
          + info.getOrDefault("blas.vendor", "?") + blasCoreType(System.getenv());
    } catch (RuntimeException e) {
      return "unknown device";
    }
  }

  /**
   * Divides the CPU's cores among {@code workers} threads that compute at the same time: each
   * gets cores / workers (at least one) of OpenBLAS's, ND4J's and pmm's kernel threads
   * ({@link KernelThreads#share}), until the returned handle is closed, which puts back the
   * counts found. One GEMM at a time on two threads leaves
   * a core idle whenever the other work of a step runs on one; two computations on one thread
   * each keep both busy. pmm's own kernels give the same result on any number of threads
   * ({@link KernelThreads}); OpenBLAS's products did with the SKYLAKEX kernels the launcher picks
   * on AVX-512 processors, but with the kernels it picks by itself there a product on one thread
   * and on two differed in their last bits (docs/cli.md, cycles trained at the same time). The
   * CUDA backend is left alone.
   *
   * <pre>{@code
   * try (Backend.CoreShare share = Backend.shareCores(2)) {
   *   // two threads train at once, each on one BLAS thread of a 2-core machine
   * }
   * }</pre>
   */
  public static CoreShare shareCores(int workers) {
    if (workers <= 1 || isCuda()) {
      return () -> { };
    }
    int each = Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
    int blas = Nd4j.factory().blas().getMaxThreads();
    int nd4j = Nd4j.getEnvironment().maxThreads();
    int master = Nd4j.getEnvironment().maxMasterThreads();
    setThreads(each, each, each);
    int kernels = KernelThreads.share(each);
    return () -> {
      setThreads(blas, nd4j, master);
      KernelThreads.share(kernels);
    };
  }

  /** Puts back the thread counts {@link #shareCores} changed. */
  @FunctionalInterface
  public interface CoreShare extends AutoCloseable {
    @Override
    void close();
  }

  private static void setThreads(int blas, int nd4j, int master) {
    Nd4j.factory().blas().setMaxThreads(blas);
    Nd4j.getEnvironment().setMaxThreads(nd4j);
    Nd4j.getEnvironment().setMaxMasterThreads(master);
  }

  /**
   * The OpenBLAS kernels asked for through {@code OPENBLAS_CORETYPE} (the launcher sets it on
   * AVX-512 processors that ND4J's OpenBLAS does not recognise), or nothing when OpenBLAS
   * chooses by itself: {@code " (SKYLAKEX kernels)"}.
   */
  static String blasCoreType(Map<String, String> env) {
    String core = env.get("OPENBLAS_CORETYPE");
    return core == null || core.isBlank() ? "" : " (" + core.strip() + " kernels)";
  }

  /**
   * How pmm's own element-wise kernels run on the CPU: {@code "vector (16 floats)"} with the
   * JDK's Vector API (the launcher adds its module), {@code "scalar"} without.
   */
  public static String kernels() {
    return ElementWiseMath.get().describe();
  }

  /**
   * A one-line description: backend and device. When no backend can start (a CUDA build on a
   * machine without an NVIDIA driver) it says so instead of throwing.
   */
  public static String describe() {
    try {
      return name() + " (" + device() + ")";
    } catch (LinkageError e) {
      return startFailure(e);
    }
  }

  /**
   * The device entry of ND4J's CUDA environment information ({@code cuda.devicesInformation}:
   * one map per device with name, total memory in bytes and compute capability).
   */
  static String cudaDevice(Map<Object, Object> info, Integer device) {
    Object all = info.get("cuda.devicesInformation");
    if (!(all instanceof List<?> devices) || device == null || device < 0
        || device >= devices.size() || !(devices.get(device) instanceof Map<?, ?> d)) {
      return "unknown CUDA device";
    }
    StringBuilder s = new StringBuilder("device " + device + " of " + devices.size() + ": "
        + d.get("cuda.deviceName"));
    if (d.get("cuda.totalMemory") instanceof Number bytes) {
      s.append(String.format(java.util.Locale.ROOT, ", %.1f GB", bytes.doubleValue() / (1L << 30)));
    }
    if (d.get("cuda.deviceMajor") != null) {
      s.append(", compute capability ").append(d.get("cuda.deviceMajor")).append('.')
          .append(d.get("cuda.deviceMinor"));
    }
    return s.toString();
  }

  /** True for the error ND4J's first use throws when no backend on the class path can start. */
  public static boolean isStartFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getClass().getSimpleName().equals("NoAvailableBackendException")
          || c instanceof UnsatisfiedLinkError
          || (c instanceof NoClassDefFoundError && String.valueOf(c.getMessage())
              .contains("org.nd4j.linalg.factory.Nd4j"))) {
        return true;
      }
    }
    return false;
  }

  /** What to tell the user when no backend could start, with the likely reason. */
  public static String startFailure(Throwable t) {
    boolean cudaBuild = cudaOnClassPath();
    String reason = "no ND4J backend could start";
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof UnsatisfiedLinkError && String.valueOf(c.getMessage()).contains("libcuda")) {
        reason = "the NVIDIA driver's library libcuda.so.1 is missing (no NVIDIA GPU or driver"
            + " on this machine?)";
      }
    }
    return (cudaBuild ? "CUDA" : "CPU") + " backend unavailable: " + reason
        + (cudaBuild ? "; this is the CUDA build (mvn -Pcuda): on a machine without a GPU run"
            + " with PMM_BACKEND=cpu, or rebuild without the profile" : "");
  }

  /** Whether the CUDA backend's classes are on the class path (a {@code -Pcuda} build). */
  static boolean cudaOnClassPath() {
    try {
      Class.forName(CUDA_BACKEND_CLASS, false, Backend.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
