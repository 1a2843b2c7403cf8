/**
 * Checkpoints of training cycles: a system's whole state as plain data,
 * written atomically, with the run's manifest and fingerprints so that a resumed run continues
 * exactly as an uninterrupted one.
 *
 * <p>Imports: base, io, tensor, the modelling core, experiment.systems.
 */
package org.pmm.experiment.checkpoint;
