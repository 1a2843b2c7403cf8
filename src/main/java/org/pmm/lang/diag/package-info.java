/**
 * Diagnostics of the {@code .pmm} front end: errors located at a file, 1-based line and column,
 * collected so that one run reports several, and rendered in the one canonical form of
 * docs/language.md ({@code file:line:col: error: message}, the source line, a caret). {@link
 * org.pmm.base.SpellingSuggestions} adds the "did you mean" hints.
 *
 * <p>Imports: lang.ast.
 */
package org.pmm.lang.diag;
