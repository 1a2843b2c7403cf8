/**
 * {@code pmm bench}: training steps of the shipped paper models timed after JIT warm-up,
 * their GEMM bound measured in the same run, memory broken down, and the PyTorch reference
 * ({@code bench/pytorch_reference.py}) timed in alternating rounds.
 *
 * <p>Imports: base, io, tensor, the modelling core, data, experiment.systems (the compiled paper models).
 */
package org.pmm.bench;
