/**
 * Closed-form Kullback-Leibler divergences between distributions, registered by type pair in
 * {@link org.pmm.distributions.kl.KL}: Laplace, Normal, Beta, Gamma, Bernoulli and Categorical
 * against their own kind, and any of these wrapped by {@code toEvent} (summed over the event
 * dimensions). The mean-field ELBO uses them where they exist and falls back to sampling
 * otherwise; {@link org.pmm.distributions.kl.KL#register} adds a pair.
 *
 * <p>Imports: base, tensor, distributions.
 */
package org.pmm.distributions.kl;
