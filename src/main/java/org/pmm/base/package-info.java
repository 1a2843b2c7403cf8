/**
 * What every layer of pmm may use and that knows nothing of any of them: {@link
 * org.pmm.base.UserError} (a failure caused by the user's input, with the exit code the CLI
 * reports), {@link org.pmm.base.ExitCodes}, {@link org.pmm.base.SpellingSuggestions} ("did you
 * mean" hints), {@link org.pmm.base.FileKinds} (what a path names when it is not a regular
 * file), and for progress on standard error {@link org.pmm.base.Terminal} (whether it is a
 * terminal) and {@link org.pmm.base.StatusLine} (a line rewritten in place there).
 *
 * <p>Imports: the JDK only.
 */
package org.pmm.base;
