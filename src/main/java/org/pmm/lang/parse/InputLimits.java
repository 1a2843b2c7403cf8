package org.pmm.lang.parse;

import java.util.List;
import org.antlr.v4.runtime.Token;
import org.pmm.lang.ast.SourceLocation;
import org.pmm.lang.diag.Diagnostics;

/**
 * Bounds on the input that bound the parser's and checker's work and recursion depth, checked
 * on the token list before anything recursive runs: file size, line length, bracket nesting,
 * runs of prefix minus, and the number of binary operators in one statement (a left-deep chain
 * of {@code a + a + ...} is as deep for a tree walker as nested parentheses are).
 */
public final class InputLimits {
  public static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
  public static final int MAX_LINE_LENGTH = 10_000;
  public static final int MAX_NESTING = 100;
  public static final int MAX_PREFIX_MINUS = 100;
  public static final int MAX_OPERATORS_PER_STATEMENT = 1_000;

  private InputLimits() {}

  /** Reports the first line longer than the limit; true when the text is within it. */
  static boolean checkLines(String file, String text, Diagnostics diagnostics) {
    int line = 1;
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      int stop = end < 0 ? text.length() : end;
      if (stop - start > MAX_LINE_LENGTH) {
        diagnostics.error(new SourceLocation(file, line, MAX_LINE_LENGTH + 1),
            "line too long (" + (stop - start) + " characters; the limit is " + MAX_LINE_LENGTH + ")");
        return false;
      }
      if (end < 0) {
        break;
      }
      start = end + 1;
      line++;
    }
    return true;
  }

  /** Reports the first token that breaks a limit; true when all tokens are within them. */
  static boolean checkTokens(String file, List<? extends Token> tokens, Diagnostics diagnostics) {
    int depth = 0;
    int prefixMinus = 0;
    int operators = 0;
    boolean afterOperand = false;
    for (Token token : tokens) {
      if (token.getChannel() != Token.DEFAULT_CHANNEL) {
        continue;
      }
      int type = token.getType();
      String problem = null;
      switch (type) {
        case PmmLexer.LPAREN, PmmLexer.LBRACKET, PmmLexer.LBRACE -> {
          if (++depth > MAX_NESTING) {
            problem = "nesting too deep (more than " + MAX_NESTING + " levels of brackets)";
          }
        }
        case PmmLexer.RPAREN, PmmLexer.RBRACKET, PmmLexer.RBRACE -> depth = Math.max(0, depth - 1);
        default -> { }
      }
      if (type == PmmLexer.MINUS && !afterOperand) {
        if (++prefixMinus > MAX_PREFIX_MINUS) {
          problem = "too many '-' in a row (more than " + MAX_PREFIX_MINUS + ")";
        }
      } else {
        prefixMinus = 0;
      }
      if (isBinaryOperator(type) && (type != PmmLexer.MINUS || afterOperand)) {
        if (++operators > MAX_OPERATORS_PER_STATEMENT) {
          problem = "expression too long (more than " + MAX_OPERATORS_PER_STATEMENT + " operators in one statement)";
        }
      }
      if (startsStatement(type)) {
        operators = 0;
      }
      if (problem != null) {
        diagnostics.error(new SourceLocation(file, token.getLine(), token.getCharPositionInLine() + 1), problem);
        return false;
      }
      afterOperand = type == PmmLexer.IDENT || type == PmmLexer.NUMBER || type == PmmLexer.STRING
          || type == PmmLexer.TRUE || type == PmmLexer.FALSE || type == PmmLexer.RPAREN
          || type == PmmLexer.RBRACKET;
    }
    return true;
  }

  private static boolean isBinaryOperator(int type) {
    return switch (type) {
      case PmmLexer.PLUS, PmmLexer.MINUS, PmmLexer.STAR, PmmLexer.SLASH, PmmLexer.AT, PmmLexer.CARET,
          PmmLexer.IF -> true;
      default -> false;
    };
  }

  private static boolean startsStatement(int type) {
    return switch (type) {
      case PmmLexer.ASSIGN, PmmLexer.TILDE, PmmLexer.SEMICOLON, PmmLexer.LBRACE, PmmLexer.RBRACE,
          PmmLexer.PARAM, PmmLexer.PLATE, PmmLexer.USE, PmmLexer.RETURN, PmmLexer.USING -> true;
      default -> false;
    };
  }
}
