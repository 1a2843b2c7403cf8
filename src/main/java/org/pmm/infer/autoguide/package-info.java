/**
 * Guides written from the model: {@link org.pmm.infer.autoguide.AutoNormal} (mean-field Normal in
 * unconstrained space, mapped onto each site's support) and
 * {@link org.pmm.infer.autoguide.AutoDelta} (a point estimate, MAP). Both find the model's latent
 * sites by running it once, as Pyro's autoguides do.
 *
 * <p>Imports: tensor, distributions, handlers, nn (initialisers).
 */
package org.pmm.infer.autoguide;
