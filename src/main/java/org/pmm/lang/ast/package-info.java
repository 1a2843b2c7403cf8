/**
 * The abstract syntax tree of the {@code .pmm} language: immutable records built from the ANTLR
 * parse tree by {@code org.pmm.lang.parse.AstBuilder}. Every node carries the file, 1-based line
 * and 1-based column where it starts, so that every later check can point at the user's text.
 * Nothing here is resolved or checked; see {@code org.pmm.lang.check} for that.
 *
 * <p>Imports: the JDK only.
 */
package org.pmm.lang.ast;
