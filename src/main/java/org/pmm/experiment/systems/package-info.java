/**
 * What the experiment loop trains: {@link
 * org.pmm.experiment.systems.TrainableSystem} and its factory, the configuration the loop reads
 * ({@link org.pmm.experiment.systems.SystemConfig}), and the compiled {@code .pmm} programs over
 * MM-IMDb batches ({@link org.pmm.experiment.systems.CompiledSystem}, {@link
 * org.pmm.experiment.systems.PaperModels}).
 *
 * <p>Imports: base, tensor, the modelling core, data, lang.
 */
package org.pmm.experiment.systems;
