/**
 * Pictures of checked programs: {@link org.pmm.lang.render.ModelGraph} writes a model's sample
 * sites, parameters, data and plates, and what depends on what, as Graphviz DOT
 * ({@code pmm render}).
 *
 * <p>Imports: lang.program.
 */
package org.pmm.lang.render;
