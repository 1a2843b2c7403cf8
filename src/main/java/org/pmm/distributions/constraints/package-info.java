/**
 * Constraints on parameter values and the differentiable maps that enforce them: the parameter
 * store keeps each parameter unconstrained and hands the model {@code transform(u)}. Real,
 * positive (softplus, the default, or exp), greater-than, interval (sigmoid), unit interval and
 * simplex (softmax), all made by {@link org.pmm.distributions.constraints.Constraints}.
 *
 * <p>Imports: base, tensor, distributions.
 */
package org.pmm.distributions.constraints;
