/**
 * The interpreter of checked {@code .pmm} programs: {@link org.pmm.lang.compile.CompiledProgram}
 * resolves a {@link org.pmm.lang.program.CheckedProgram} once into a tree of small closures
 * (expressions read frame slots and data indices, never names) and runs them define-by-run with
 * the Java API each step: models and guides through {@code Pmm.sample}, {@code Pmm.param} and
 * {@code Pmm.plate} (data inputs subsampled to the plate's rows, log-densities scaled by
 * size / batch), networks with their parameters and batch-normalisation statistics, ELBO
 * objectives through {@code Elbos.create} scaled to {@code (−ELBO + penalty) / N}, loss
 * expressions as means, one optimiser per objective on its parameter group, max-norm after the
 * optimisers. {@link org.pmm.experiment.systems.CompiledSystem} binds a program to MM-IMDb batches for
 * the experiment loop; {@link org.pmm.experiment.systems.CompiledSystems} gives its factory and
 * configuration.
 *
 * <p>Not supported yet (a {@link org.pmm.lang.compile.CompileError} names the place): nested
 * plates, {@code transpose}, matrix products of rank above 2, several particles except with
 * trace/annealed, Sgd momentum, non-default betas for ClippedAdam and AdamW, estimators the
 * engine lacks ({@code meanfield}, {@code iwae}; {@code tracegraph} runs as Trace_ELBO when
 * every guide site is reparameterised, where both are identical).
 */
package org.pmm.lang.compile;
