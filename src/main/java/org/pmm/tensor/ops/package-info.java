/**
 * The operations on tensors, one class per family, each operation's forward pass and its
 * backward function together: {@link org.pmm.tensor.ops.ArithmeticOps} (add, sub, mul, div),
 * {@link org.pmm.tensor.ops.UnaryOps} (exp, log, tanh, sigmoid, softplus, ...),
 * {@link org.pmm.tensor.ops.ReductionOps} (sums, means, maxima),
 * {@link org.pmm.tensor.ops.ShapeOps} (reshape, slice, concat, gather, where),
 * {@link org.pmm.tensor.ops.LinearOps} (matmul and the fused affine maps),
 * {@link org.pmm.tensor.ops.LossOps}, {@link org.pmm.tensor.ops.BatchNormOps},
 * {@link org.pmm.tensor.ops.LaplaceOps}, {@link org.pmm.tensor.ops.Dropout},
 * {@link org.pmm.tensor.ops.GatedMix} and {@link org.pmm.tensor.ops.MaxoutPieces}.
 *
 * <p>An operation computes its value (with a kernel from {@code org.pmm.tensor.kernels} where
 * the arrays are dense floats, else with ND4J), and returns
 * {@code Tensor.result(name, value, backward, inputs)}; its backward function hands each input
 * its share of the gradient through {@code Tensor.accumulate} and its in-place variants. A fused
 * operation checks by itself whether its kernel takes the operands and otherwise computes its
 * composition: callers never ask first.
 *
 * <p>Dependencies: imports {@code org.pmm.tensor} (the autodiff core) and
 * {@code org.pmm.tensor.kernels}; nothing in {@code kernels} imports this package. Users reach
 * the operations through {@code Tensor}'s fluent forms and {@code Ops}.
 *
 * <pre>{@code
 * static Tensor triple(Tensor x) {
 *   return Tensor.result("triple", x.value().mul(3.0), g -> x.accumulateScaled(g, 3.0), x);
 * }
 * }</pre>
 */
package org.pmm.tensor.ops;
