/**
 * Quick experiments on a data file that say what the data asks of a model: {@link
 * org.pmm.experiment.probe.OverfitProbe} trains a wide deterministic fusion network without
 * regularisation and scores it on its own training rows and on the validation rows after every
 * epoch, to show whether (and how fast) it overfits. {@code pmm data probe} runs it next to the
 * linear probe of {@link org.pmm.data.LinearProbe}.
 *
 * <p>Imports: base, data, lang.program, experiment.metrics, experiment.run, experiment.systems.
 */
package org.pmm.experiment.probe;
