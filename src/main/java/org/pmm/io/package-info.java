/**
 * Files written so that nothing is lost on a crash: atomic replacement, a background
 * writer, in-memory content in blocks.
 *
 * <p>Imports: base.
 */
package org.pmm.io;
