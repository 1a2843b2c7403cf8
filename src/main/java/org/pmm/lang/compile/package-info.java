/**
 * The interpreter of checked {@code .pmm} programs: {@link org.pmm.lang.compile.CompiledProgram}
 * resolves a {@link org.pmm.lang.program.CheckedProgram} once into a tree of small closures
 * (expressions read frame slots and data indices, never names) and runs them define-by-run with
 * the Java API each step: models and guides through {@code Pmm.sample}, {@code Pmm.param} and
 * {@code Pmm.plate} (data inputs subsampled to the plate's rows, log-densities scaled by
 * size / batch), networks with their parameters and batch-normalisation statistics, ELBO
 * objectives through the estimator registry {@code Elbos} scaled to {@code (−ELBO + penalty) / N},
 * loss expressions as means, one optimiser per objective on its parameter group, all trained by
 * {@link org.pmm.infer.Svi} (the one training step), max-norm after the optimisers. Data entries
 * are bound from {@link org.pmm.data.NamedArrays} by their dataset names.
 *
 * <p>Not supported yet (a {@link org.pmm.lang.compile.CompileError} names the place): nested
 * plates, {@code transpose}, matrix products of rank above 2, Sgd momentum, non-default betas
 * for ClippedAdam and AdamW.
 *
 * <p>Imports: base, tensor, the modelling core, lang.ast, lang.program, lang.vocabulary and
 * data.NamedArrays (no data set, experiment, bench or cli).
 */
package org.pmm.lang.compile;
