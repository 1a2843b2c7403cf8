/**
 * Probability distributions over tensors, following Pyro's shape semantics: a value has shape
 * batch shape ++ event shape, {@code logProb} sums over event dimensions, {@code toEvent(n)}
 * moves batch dimensions into the event. Laplace, Normal, Bernoulli, Categorical, Beta, Gamma,
 * Dirichlet, Exponential, Poisson and Delta share {@link org.pmm.distributions.AbstractDistribution}
 * (shapes and validation); their parameters are tensors, so log-densities and reparameterised
 * draws are differentiable, or plain numbers ({@code new Gamma(2, 3)}, {@code Normal.of(0, 1)},
 * {@code new Dirichlet(1, 2, 3)}), which become constants of type double. Special functions the tensor engine lacks (log-gamma, digamma,
 * log-sum-exp) are in {@link org.pmm.distributions.TensorMath}. Sub-packages: {@code kl} (closed
 * form divergences) and {@code constraints} (maps from unconstrained to constrained parameters).
 *
 * <p>Imports: base, tensor.
 */
package org.pmm.distributions;
