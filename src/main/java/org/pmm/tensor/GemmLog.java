package org.pmm.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Records the shapes of the GEMMs a piece of code executes, so that a benchmark can count the
 * FLOPs a training step really performs and time exactly those calls in isolation. Off unless
 * {@link #start()} was called on this thread; recording costs one branch per GEMM otherwise.
 *
 * <pre>{@code
 * GemmLog.start();
 * step.run();
 * List<GemmLog.Gemm> gemms = GemmLog.stop();
 * double gflop = gemms.stream().mapToDouble(GemmLog.Gemm::flops).sum() / 1e9;
 * }</pre>
 */
public final class GemmLog {
  /**
   * One product of an m×k by a k×n matrix, with the operands' transpose flags as passed to
   * GEMM (they do not change the count, but can change the speed).
   */
  public record Gemm(long m, long k, long n, boolean transA, boolean transB) {
    public double flops() {
      return 2.0 * m * k * n;
    }
  }

  private static final ThreadLocal<List<Gemm>> LOG = new ThreadLocal<>();

  private GemmLog() {}

  public static void start() {
    LOG.set(new ArrayList<>());
  }

  public static List<Gemm> stop() {
    List<Gemm> gemms = LOG.get();
    LOG.remove();
    return gemms == null ? List.of() : gemms;
  }

  /** Records one GEMM if {@link #start()} was called on this thread. */
  public static void record(long m, long k, long n, boolean transA, boolean transB) {
    List<Gemm> gemms = LOG.get();
    if (gemms != null) {
      gemms.add(new Gemm(m, k, n, transA, transB));
    }
  }
}
