package org.pmm.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The backend report. The CUDA description is read from ND4J's environment information as its
 * CUDA executioner fills it (checked against that class's code; no GPU here), so it is tested
 * on such a map; the CPU one on the backend in use.
 */
class BackendTest {
  @Test
  void theBackendInUseIsTheOneTheBuildPutOnTheClassPath() {
    if (Backend.cudaOnClassPath()) {      // a -Pcuda build: bench/gpu-check.sh runs this test there
      assertEquals("CUDA", Backend.name());
      assertTrue(Backend.describe().startsWith("CUDA (device "), Backend.describe());
    } else {
      assertEquals("CPU", Backend.name());
      String cores = Runtime.getRuntime().availableProcessors() + " cores";
      assertTrue(Backend.describe().startsWith("CPU (" + cores + ", "), Backend.describe());
      assertTrue(Backend.device().contains("BLAS "), Backend.device());
    }
  }

  /** pmm's own kernels work on host memory only: on CUDA every operation takes its composition. */
  @Test
  void javaKernelsRunOnlyOnTheCpuBackend() {
    org.nd4j.linalg.api.ndarray.INDArray x =
        org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 4);
    boolean cuda = Backend.cudaOnClassPath();
    assertEquals(!cuda, Backend.hostMemory());
    assertEquals(!cuda, DenseFloats.applies(x));
  }

  @Test
  void theDeviceNamesTheOpenblasKernelsAskedFor() {
    assertEquals(" (SKYLAKEX kernels)",
        Backend.blasCoreType(Map.of("OPENBLAS_CORETYPE", "SKYLAKEX")));
    assertEquals("", Backend.blasCoreType(Map.of("OPENBLAS_CORETYPE", " ")));
    assertEquals("", Backend.blasCoreType(Map.of()));
  }

  @Test
  void theCudaDeviceIsTheOneInUseWithNameMemoryAndComputeCapability() {
    Properties info = new Properties();
    info.put("backend", "CUDA");
    info.put("cuda.devicesInformation", List.of(device("Tesla K80", 12L << 30, 3, 7),
        device("Tesla V100", 16L << 30, 7, 0)));
    assertEquals("device 1 of 2: Tesla V100, 16.0 GB, compute capability 7.0",
        Backend.cudaDevice(info, 1));
    assertEquals("device 0 of 2: Tesla K80, 12.0 GB, compute capability 3.7",
        Backend.cudaDevice(info, 0));
    assertEquals("unknown CUDA device", Backend.cudaDevice(info, 2));
    assertEquals("unknown CUDA device", Backend.cudaDevice(new Properties(), 0));
  }

  @Test
  void aMissingNvidiaDriverIsNamedWhenNoBackendStarts() {
    // what ND4J's first use throws in a CUDA build without libcuda (seen with -Pcuda here)
    Throwable e = new ExceptionInInitializerError(new RuntimeException(new UnsatisfiedLinkError(
        "libjnicudart.so: libcuda.so.1: cannot open shared object file")));
    assertTrue(Backend.isStartFailure(e));
    assertEquals("CPU backend unavailable: the NVIDIA driver's library libcuda.so.1 is missing"
        + " (no NVIDIA GPU or driver on this machine?)", Backend.startFailure(e));
    assertFalse(Backend.isStartFailure(new ExceptionInInitializerError(
        new IllegalStateException("some other static initialiser"))));
  }

  private static Map<String, Object> device(String name, long bytes, int major, int minor) {
    Map<String, Object> d = new HashMap<>();
    d.put("cuda.deviceName", name);
    d.put("cuda.totalMemory", bytes);
    d.put("cuda.deviceMajor", (long) major);
    d.put("cuda.deviceMinor", (long) minor);
    return d;
  }
}
