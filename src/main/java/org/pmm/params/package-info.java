/**
 * The parameter store (named, constrained parameters kept unconstrained as gradient
 * leaves) and its file format, with the optimisers' states beside the parameters.
 *
 * <p>Imports: base, io, tensor, distributions.constraints, optim.
 */
package org.pmm.params;
