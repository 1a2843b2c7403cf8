package org.pmm.lang.parse;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's recovery (so that several syntax errors are reported in one run) with messages in the
 * user's terms: "unexpected ')'; expected an expression" rather than a list of token names.
 */
final class SyntaxErrorStrategy extends DefaultErrorStrategy {

  @Override
  protected void reportNoViableAlternative(Parser parser, NoViableAltException e) {
    Token token = e.getOffendingToken();
    Token start = e.getStartToken();
    if (parser.getContext() instanceof PmmParser.StatementContext && start != null && start != token
        && start.getType() == PmmParser.IDENT) {
      parser.notifyErrorListeners(token, "unexpected " + describe(token) + "; expected '=' or '~' after '"
          + start.getText() + "'", e);
      return;
    }
    parser.notifyErrorListeners(token, "unexpected " + describe(token) + expecting(parser, e.getExpectedTokens()), e);
  }

  @Override
  protected void reportInputMismatch(Parser parser, InputMismatchException e) {
    Token token = e.getOffendingToken();
    parser.notifyErrorListeners(token, "unexpected " + describe(token) + expecting(parser, e.getExpectedTokens()), e);
  }

  @Override
  protected void reportUnwantedToken(Parser parser) {
    if (inErrorRecoveryMode(parser)) {
      return;
    }
    beginErrorCondition(parser);
    Token token = parser.getCurrentToken();
    parser.notifyErrorListeners(token, "unexpected " + describe(token) + expecting(parser, getExpectedTokens(parser)), null);
  }

  @Override
  protected void reportMissingToken(Parser parser) {
    if (inErrorRecoveryMode(parser)) {
      return;
    }
    beginErrorCondition(parser);
    Token token = parser.getCurrentToken();
    String missing = String.join(" or ", names(parser, getExpectedTokens(parser)));
    String where = token.getType() == Token.EOF ? " at end of file" : " before " + describe(token);
    parser.notifyErrorListeners(token, "missing " + missing + where, null);
  }

  /** How a token is named in a message: {@code 'x'}, "end of file", "character U+0000". */
  static String describe(Token token) {
    if (token.getType() == Token.EOF) {
      return "end of file";
    }
    String text = token.getText();
    if (text.length() > 40) {
      text = text.substring(0, 37) + "...";
    }
    return "'" + text + "'";
  }

  private static String expecting(Parser parser, IntervalSet expected) {
    List<String> names = names(parser, expected);
    return names.isEmpty() ? "" : "; expected " + joinOr(names);
  }

  /** The expected tokens, folded into the categories a user thinks in. */
  static List<String> names(Parser parser, IntervalSet expected) {
    List<String> names = new ArrayList<>();
    boolean declaration = parser.getContext() instanceof PmmParser.ProgramContext && expected.contains(PmmParser.HYPER);
    boolean statement = expected.contains(PmmParser.PARAM) && expected.contains(PmmParser.PLATE);
    boolean expression = expected.contains(PmmParser.NUMBER) && expected.contains(PmmParser.LPAREN);
    boolean name = expected.contains(PmmParser.IDENT);
    if (declaration) {
      names.add("a declaration (import, hyper, data, def, network, module, model, guide, train or eval)");
    } else if (statement) {
      names.add("a statement");
    } else if (expression) {
      names.add("an expression");
    } else if (name) {
      names.add("a name");
    }
    if (expected.contains(PmmParser.NUMBER) && !expression) {
      names.add("a number");
    }
    if (expected.contains(PmmParser.STRING) && !expression) {
      names.add("a string");
    }
    boolean onlyOptional = names.isEmpty();
    for (int type : expected.toArray()) {
      if (type == Token.EOF || skip(type, declaration, statement, expression, name)) {
        continue;
      }
      if (!onlyOptional && (isOperator(type) || type == PmmParser.SEMICOLON)) {
        continue;
      }
      String literal = parser.getVocabulary().getLiteralName(type);
      if (literal != null && !names.contains(literal)) {
        names.add(literal);
      }
    }
    if (expected.contains(Token.EOF)) {
      names.add("end of file");
    }
    return names.size() > 6 ? names.subList(0, 6) : names;
  }

  private static boolean skip(int type, boolean declaration, boolean statement, boolean expression, boolean name) {
    boolean keywordOfName = type >= PmmParser.IMPORT && type <= PmmParser.STEP;
    boolean literal = type == PmmParser.NUMBER || type == PmmParser.STRING || type == PmmParser.IDENT
        || type == PmmParser.TRUE || type == PmmParser.FALSE;
    if (declaration && keywordOfName) {
      return true;
    }
    if (statement && (keywordOfName || literal || type == PmmParser.PARAM || type == PmmParser.PLATE
        || type == PmmParser.USE || type == PmmParser.RETURN)) {
      return true;
    }
    if (expression && (keywordOfName || literal || type == PmmParser.LPAREN || type == PmmParser.LBRACKET
        || type == PmmParser.MINUS)) {
      return true;
    }
    return (name || expression || statement) && (keywordOfName || type == PmmParser.IDENT)
        || type == PmmParser.NUMBER || type == PmmParser.STRING || type == PmmParser.IDENT;
  }

  /** Tokens that could only continue an expression that is already complete. */
  private static boolean isOperator(int type) {
    return switch (type) {
      case PmmParser.PLUS, PmmParser.MINUS, PmmParser.STAR, PmmParser.SLASH, PmmParser.AT,
          PmmParser.CARET, PmmParser.LBRACKET, PmmParser.IF, PmmParser.DOT, PmmParser.LPAREN -> true;
      default -> false;
    };
  }

  static String joinOr(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
  }
}
