/**
 * The user-facing surface of pmm's probabilistic programming: {@link org.pmm.Pmm}'s
 * primitives ({@code sample}, {@code param}, {@code plate}) and effect-handler factories, used by
 * models and guides written in Java and by compiled {@code .pmm} programs.
 *
 * <p>Imports: base, tensor, distributions, params, handlers.
 */
package org.pmm;
