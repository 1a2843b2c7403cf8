/**
 * Tensors with reverse-mode automatic differentiation: the autodiff core and the entry points
 * the rest of pmm uses.
 *
 * <ul>
 *   <li>{@link org.pmm.tensor.Tensor}: an ND4J array plus the operation that produced it; its
 *       fluent forms ({@code x.matmul(w).tanh()}) call the operation families, and
 *       {@code backward()} walks the graph in reverse.
 *   <li>{@link org.pmm.tensor.GradientBuffer}: where a tensor's gradient accumulates, in place
 *       where possible; {@link org.pmm.tensor.Broadcasting}: broadcast shapes and the gradient
 *       sums back over them.
 *   <li>{@link org.pmm.tensor.StepScope}: frees a training step's intermediate arrays;
 *       {@link org.pmm.tensor.Memory}: frees single arrays now.
 *   <li>{@link org.pmm.tensor.Ops}: operations that are not methods of one tensor (concat,
 *       affine maps, losses, layers), each delegating to its family in {@code ops}.
 *   <li>{@link org.pmm.tensor.RandomStream}, {@link org.pmm.tensor.BatchNormStats},
 *       {@link org.pmm.tensor.HostArrays}, {@link org.pmm.tensor.GemmLog},
 *       {@link org.pmm.tensor.OpProfile}, {@link org.pmm.tensor.ShapeException}: random draws,
 *       a batch-norm layer's running statistics, bulk copies to Java arrays, GEMM and time
 *       accounting, shape errors.
 * </ul>
 *
 * <p>Subpackages: {@code org.pmm.tensor.ops}, the operations (forward and backward of each
 * family together), and {@code org.pmm.tensor.kernels}, array-level code with no autodiff
 * (SIMD and scalar loops, the kernel threads, the ND4J backend).
 *
 * <p>Dependencies: this package imports {@code kernels}; it imports {@code ops} only from
 * {@code Tensor}'s fluent forms and the {@code Ops} façade, which are how the rest of pmm
 * reaches the operations (operations build {@code Tensor}s, so Java cannot avoid that edge
 * without runtime registration). Nothing else here imports {@code ops}.
 *
 * <pre>{@code
 * Tensor w = Tensor.parameter(Nd4j.rand(DataType.FLOAT, 3, 2));
 * try (StepScope step = StepScope.open()) {
 *   Tensor loss = Ops.affine(x, w, b).tanh().square().sum();
 *   loss.backward();
 * }
 * }</pre>
 */
package org.pmm.tensor;
