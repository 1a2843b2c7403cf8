/**
 * The experiment loop: the rows of the paper's tables, one training cycle
 * (epochs, validation, the selected epoch's test predictions), K cycles per system, progress and
 * the driver that writes results, report and figures.
 *
 * <p>Imports: base, io, tensor, the modelling core, data, experiment.checkpoint, experiment.metrics,
 * experiment.report, experiment.systems.
 */
package org.pmm.experiment.run;
