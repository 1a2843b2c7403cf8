/**
 * Variational inference: the {@link org.pmm.infer.Elbo} base (run the guide, replay the model,
 * average particle losses) with one estimator per class — {@link org.pmm.infer.TraceElbo}
 * (its particles one after another or vectorised, {@link org.pmm.infer.VectorizedParticles}),
 * {@link org.pmm.infer.TraceGraphElbo} with its {@link org.pmm.infer.Baseline}s,
 * {@link org.pmm.infer.MeanFieldElbo}, {@link org.pmm.infer.RenyiElbo} and
 * {@link org.pmm.infer.IwaeElbo}, KL annealing on top of any of them
 * ({@link org.pmm.infer.AnnealedElbo}), penalties on variational parameters
 * ({@link org.pmm.infer.PenalisedElbo}) — the registry of their user-facing names
 * ({@link org.pmm.infer.Elbos}) and {@link org.pmm.infer.Svi}, which only orchestrates a step.
 *
 * <p>Imports: base, tensor, distributions, optim, params, handlers, the Pmm facade.
 */
package org.pmm.infer;
