/**
 * Array-level code: loops over float arrays in their native memory, the threads that run them,
 * and what the ND4J backend allows. Nothing here knows about tensors or gradients.
 *
 * <ul>
 *   <li>Execution: {@link org.pmm.tensor.kernels.KernelThreads} splits a pass into ranges
 *       ({@code byRanges}, {@code byRows}, {@code byColumns}) run in parallel in place, the one
 *       execution model; {@link org.pmm.tensor.kernels.DenseFloats} says which arrays the
 *       kernels take and gives their memory; {@link org.pmm.tensor.kernels.HeapChunks} lets a
 *       loop written on heap arrays run over a range, chunk by chunk.
 *   <li>Vector and scalar math, one class per concern, each with a {@code Vectorised}
 *       implementation (the JDK's Vector API) and a {@code Scalar} one that give the same bits:
 *       {@link org.pmm.tensor.kernels.ElementWiseMath} (softplus, sigmoid, tanh, dropout),
 *       {@link org.pmm.tensor.kernels.Accumulation} (gradient additions, bias rows, column sums),
 *       {@link org.pmm.tensor.kernels.BatchNormMath}, {@link org.pmm.tensor.kernels.AdamMath},
 *       {@link org.pmm.tensor.kernels.BitScans} (finiteness checks) and
 *       {@link org.pmm.tensor.kernels.LaplaceMath} (draws, densities and their gradients).
 *   <li>Whole passes over ND4J arrays: {@link org.pmm.tensor.kernels.ColumnSums},
 *       {@link org.pmm.tensor.kernels.BatchNormKernels},
 *       {@link org.pmm.tensor.kernels.MaxNormKernels},
 *       {@link org.pmm.tensor.kernels.UpdateKernels} (optimiser updates),
 *       {@link org.pmm.tensor.kernels.ValueChecks}.
 *   <li>{@link org.pmm.tensor.kernels.Backend}: which ND4J backend (CPU or CUDA) is in use.
 * </ul>
 *
 * <p>Dependencies: imports ND4J and the JDK only, no other package of pmm (neither
 * {@code org.pmm.tensor} nor {@code org.pmm.tensor.ops}).
 *
 * <pre>{@code
 * if (DenseFloats.applies(x, y)) {
 *   ByteBuffer xs = DenseFloats.bytes(x);
 *   ByteBuffer ys = DenseFloats.bytes(y);
 *   ElementWiseMath math = ElementWiseMath.get();
 *   KernelThreads.byRanges(Work.COMPUTE, x.length(), (lo, hi) -> math.tanh(xs, ys, lo, hi));
 * }
 * }</pre>
 */
package org.pmm.tensor.kernels;
