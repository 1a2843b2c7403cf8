package org.pmm.tensor.kernels;

/**
 * The kernel implementations in use, all created together on the first use of any of them:
 * with the Vector API, each {@code Vectorised} implementation runs its kernels once when created
 * ({@link VectorApi#mixed}), and they must all have run before the optimising compiler compiles
 * the first of them. The JDK's vector methods they share (loads and stores through byte buffers,
 * lane-wise operations) are compiled on their own while one kernel class runs alone; a kernel
 * compiled after that calls those compiled methods instead of inlining them, and then every
 * vector it touches is allocated on the Java heap. Created one class at a time, on first use,
 * a log-sigmoid after a few hundred ReLU steps allocated 190 MB of heap per step and took twice
 * as long. With it, the bench's compiled steps allocate about 1 and 2 MB of heap per step
 * ({@code heap_allocated_mb_per_step} of {@code pmm bench}); a kernel can still box in some
 * JVMs (docs/performance.md, "No boxed vectors").
 */
final class KernelSet {
  static final ElementWiseMath ELEMENT_WISE;
  static final LaplaceMath LAPLACE;
  static final Accumulation ACCUMULATION;
  static final BatchNormMath BATCH_NORM;
  static final AdamMath ADAM;
  static final BitScans SCANS;
  static final SumMath SUMS;

  static {
    if (VectorApi.PRESENT) {
      ELEMENT_WISE = ElementWiseMath.Vectorised.create();
      LAPLACE = LaplaceMath.Vectorised.create();
      ACCUMULATION = Accumulation.Vectorised.create();
      BATCH_NORM = BatchNormMath.Vectorised.create();
      ADAM = AdamMath.Vectorised.create();
      SCANS = BitScans.Vectorised.create();
      SUMS = SumMath.Vectorised.create();
    } else {
      ELEMENT_WISE = new ElementWiseMath.Scalar();
      LAPLACE = new LaplaceMath.Scalar();
      ACCUMULATION = new Accumulation.Scalar();
      BATCH_NORM = new BatchNormMath.Scalar();
      ADAM = new AdamMath.Scalar();
      SCANS = new BitScans.Scalar();
      SUMS = new SumMath.Scalar();
    }
  }

  private KernelSet() {}
}
