/**
 * From text to AST: the ANTLR-generated lexer and parser of {@code grammar/Pmm.g4} (generated
 * into this package), {@link org.pmm.lang.parse.SourceParser} as the one entry point, {@link
 * org.pmm.lang.parse.InputLimits} that bound the work and recursion depth before parsing, {@link
 * org.pmm.lang.parse.NumberLiterals} (which written numbers the language can hold), a recovery
 * strategy whose messages are in the user's terms, and the AST builder visitors.
 *
 * <p>Imports: lang.ast, lang.diag and the generated ANTLR parser.
 */
package org.pmm.lang.parse;
