/**
 * Bijections from unconstrained space onto the supports of distributions (Pyro's
 * {@code biject_to}), each with the log-determinant of its Jacobian, so that a density can be
 * carried from one space to the other: identity, exp, sigmoid and stick-breaking. Autoguides
 * fit Normals in unconstrained space and map their draws through these.
 *
 * <p>Imports: tensor.
 */
package org.pmm.distributions.transforms;
