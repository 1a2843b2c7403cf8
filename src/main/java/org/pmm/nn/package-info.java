/**
 * Neural-network layers built on the primitives of {@link org.pmm.Pmm}: their parameters are
 * param sites in the current parameter store, so the same layer works in a model, a guide or a
 * deterministic network. Bayesian layers live in {@link org.pmm.nn.BayesianLinear}.
 *
 * <p>Imports: base, tensor, distributions, the Pmm facade.
 */
package org.pmm.nn;
