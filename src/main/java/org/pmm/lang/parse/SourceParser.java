package org.pmm.lang.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.pmm.lang.ast.SourceFile;
import org.pmm.lang.ast.SourceLocation;
import org.pmm.lang.diag.Diagnostics;

/**
 * The one entry point from text to AST. Lexes, enforces {@link InputLimits}, reports lexical
 * errors (stray characters, unterminated strings and comments, numbers that cannot be held: see
 * {@link NumberLiterals}), parses with recovery, and
 * builds the AST only when there were no syntax errors.
 *
 * <pre>{@code
 * Diagnostics errors = new Diagnostics();
 * SourceFile file = SourceParser.parse("m.pmm", Path.of("m.pmm"), bytes, errors);  // null on errors
 * }</pre>
 */
public final class SourceParser {
  private SourceParser() {}

  /** Decodes and parses a file's bytes; returns null when errors were reported. */
  public static SourceFile parse(String displayPath, Path path, byte[] bytes, Diagnostics diagnostics) {
    if (bytes.length > InputLimits.MAX_FILE_BYTES) {
      diagnostics.error(new SourceLocation(displayPath, 0, 0), "file too large (" + bytes.length
          + " bytes; the limit is " + InputLimits.MAX_FILE_BYTES + ")");
      return null;
    }
    String text = decode(displayPath, bytes, diagnostics);
    return text == null ? null : parse(displayPath, path, text, diagnostics);
  }

  /** Parses text; returns null when errors were reported. */
  public static SourceFile parse(String displayPath, Path path, String text, Diagnostics diagnostics) {
    int before = diagnostics.count();
    if (!InputLimits.checkLines(displayPath, text, diagnostics)) {
      return null;
    }
    PmmLexer lexer = new PmmLexer(CharStreams.fromString(text, displayPath));
    lexer.removeErrorListeners();
    List<Token> tokens = new ArrayList<>(lexer.getAllTokens());
    if (!InputLimits.checkTokens(displayPath, tokens, diagnostics)) {
      return null;
    }
    reportLexicalErrors(displayPath, tokens, diagnostics);
    if (tokens.stream().noneMatch(t -> t.getChannel() == Token.DEFAULT_CHANNEL) && diagnostics.count() == before) {
      diagnostics.error(new SourceLocation(displayPath, 1, 1),
          "empty file; expected a declaration (import, hyper, data, def, network, module, model, guide, train or eval)");
      return null;
    }
    PmmParser parser = new PmmParser(new CommonTokenStream(new ListTokenSource(tokens, displayPath)));
    parser.removeErrorListeners();
    parser.setErrorHandler(new SyntaxErrorStrategy());
    parser.addErrorListener(new BaseErrorListener() {
      @Override
      public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column,
          String message, RecognitionException e) {
        diagnostics.error(new SourceLocation(displayPath, line, column + 1), message);
        if (diagnostics.full()) {
          throw new TooManyErrors();
        }
      }
    });
    PmmParser.ProgramContext tree;
    try {
      tree = parser.program();
    } catch (TooManyErrors stop) {
      return null;
    }
    if (diagnostics.count() > before) {
      return null;
    }
    return new SourceFile(displayPath, path, text, new AstBuilder(displayPath).program(tree));
  }

  private static void reportLexicalErrors(String file, List<Token> tokens, Diagnostics diagnostics) {
    for (Token token : tokens) {
      if (token.getType() == PmmLexer.NUMBER) {
        // Kept for the parser: the number is in the right place, only its value cannot be held.
        String problem = NumberLiterals.problem(token.getText());
        if (problem != null) {
          diagnostics.error(new SourceLocation(file, token.getLine(), token.getCharPositionInLine() + 1), problem);
        }
        continue;
      }
      String problem = switch (token.getType()) {
        case PmmLexer.UNRECOGNIZED -> "unexpected character " + character(token.getText());
        case PmmLexer.UNTERMINATED_STRING -> "unterminated string";
        case PmmLexer.UNTERMINATED_COMMENT -> "unterminated comment";
        default -> null;
      };
      if (problem != null) {
        diagnostics.error(new SourceLocation(file, token.getLine(), token.getCharPositionInLine() + 1), problem);
        // Hidden, so the parser goes on with the rest of the file and reports what else is wrong.
        ((CommonToken) token).setChannel(Token.HIDDEN_CHANNEL);
      }
    }
  }

  private static String character(String text) {
    int c = text.codePointAt(0);
    if (c < ' ' || c == 0x7f || Character.isWhitespace(c)) {
      return String.format("U+%04X", c);
    }
    return "'" + text + "'";
  }

  private static String decode(String file, byte[] bytes, Diagnostics diagnostics) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
      return text.startsWith("\uFEFF") ? " " + text.substring(1) : text;
    } catch (CharacterCodingException e) {
      int offset = firstInvalidByte(bytes);
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      int column = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8).length() + 1;
      diagnostics.error(new SourceLocation(file, line, column),
          String.format("not a text file: invalid UTF-8 byte 0x%02X", bytes[offset] & 0xff));
      return null;
    }
  }

  private static int firstInvalidByte(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true);
    return Math.min(in.position(), bytes.length - 1);
  }

  /** Stops parsing once {@link Diagnostics#LIMIT} errors are reported (garbage input). */
  private static final class TooManyErrors extends RuntimeException {
    TooManyErrors() {
      super(null, null, false, false);
    }
  }
}
