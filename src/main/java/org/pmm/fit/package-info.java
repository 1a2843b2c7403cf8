/**
 * Training any checked {@code .pmm} program on its own data: inline values or a {@code --data}
 * file (JSON, CSV, HDF5) bound to the program's data entries, the training loop of its {@code
 * train} block, and what a user reads afterwards: the posterior summary of every latent site
 * ({@code summary.csv}), the loss per step ({@code loss.csv}, {@code loss.png}) and the
 * parameters. The MM-IMDb programs train through {@code org.pmm.experiment} instead.
 *
 * <p>Imports: base, io, tensor, the modelling core, data, lang, experiment.report (the loss
 * figure).
 */
package org.pmm.fit;
