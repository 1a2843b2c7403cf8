/**
 * The {@code pmm} command line (picocli): one class per command, the mapping of {@link
 * org.pmm.base.UserError} to exit codes and one-line messages, run options.
 *
 * <p>Imports: any pmm package; nothing imports it.
 */
package org.pmm.cli;
