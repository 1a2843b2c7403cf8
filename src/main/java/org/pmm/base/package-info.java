/**
 * What every layer of pmm may use and that knows nothing of any of them: {@link
 * org.pmm.base.UserError} (a failure caused by the user's input, with the exit code the CLI
 * reports), {@link org.pmm.base.ExitCodes} and {@link org.pmm.base.SpellingSuggestions} ("did you
 * mean" hints).
 *
 * <p>Imports: the JDK only.
 */
package org.pmm.base;
