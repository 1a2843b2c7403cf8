package org.pmm.lang.parse;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.pmm.lang.ast.Argument;
import org.pmm.lang.ast.Expr;
import org.pmm.lang.ast.SourceLocation;
import org.pmm.lang.parse.PmmParser.*;

/** Builds {@link Expr} nodes from expression parse trees; binary nodes sit at their operator. */
final class ExpressionBuilder extends PmmBaseVisitor<Expr> {
  private final String file;

  ExpressionBuilder(String file) {
    this.file = file;
  }

  SourceLocation at(Token token) {
    return new SourceLocation(file, token.getLine(), token.getCharPositionInLine() + 1);
  }

  SourceLocation at(ParserRuleContext context) {
    return at(context.getStart());
  }

  List<Expr> all(List<ExpressionContext> contexts) {
    List<Expr> out = new ArrayList<>(contexts.size());
    for (ExpressionContext context : contexts) {
      out.add(visit(context));
    }
    return out;
  }

  List<Argument> arguments(ArgumentsContext context) {
    List<Argument> out = new ArrayList<>();
    if (context != null) {
      for (ArgumentContext argument : context.argument()) {
        String name = argument.name == null ? null : argument.name.getText();
        out.add(new Argument(at(argument), name, visit(argument.value)));
      }
    }
    return out;
  }

  static List<String> parts(QualifiedNameContext context) {
    return context.identifier().stream().map(IdentifierContext::getText).toList();
  }

  @Override
  public Expr visitPrimaryExpression(PrimaryExpressionContext context) {
    return visit(context.primary());
  }

  @Override
  public Expr visitIndexExpression(IndexExpressionContext context) {
    List<ExpressionContext> indices = context.expression().subList(1, context.expression().size());
    return new Expr.Index(at(context.LBRACKET().getSymbol()), visit(context.base), all(indices));
  }

  @Override
  public Expr visitPowerExpression(PowerExpressionContext context) {
    return binary(context.op, Expr.Operator.POWER, context.left, context.right);
  }

  @Override
  public Expr visitNegationExpression(NegationExpressionContext context) {
    return new Expr.Unary(at(context.op), Expr.Operator.NEGATE, visit(context.operand));
  }

  @Override
  public Expr visitMatmulExpression(MatmulExpressionContext context) {
    return binary(context.op, Expr.Operator.MATMUL, context.left, context.right);
  }

  @Override
  public Expr visitMultiplicativeExpression(MultiplicativeExpressionContext context) {
    Expr.Operator op = context.op.getType() == PmmParser.STAR ? Expr.Operator.MULTIPLY : Expr.Operator.DIVIDE;
    return binary(context.op, op, context.left, context.right);
  }

  @Override
  public Expr visitAdditiveExpression(AdditiveExpressionContext context) {
    Expr.Operator op = context.op.getType() == PmmParser.PLUS ? Expr.Operator.ADD : Expr.Operator.SUBTRACT;
    return binary(context.op, op, context.left, context.right);
  }

  @Override
  public Expr visitConditionalExpression(ConditionalExpressionContext context) {
    return new Expr.Conditional(at(context.op), visit(context.then), visit(context.condition), visit(context.otherwise));
  }

  private Expr binary(Token op, Expr.Operator operator, ExpressionContext left, ExpressionContext right) {
    return new Expr.Binary(at(op), operator, visit(left), visit(right));
  }

  @Override
  public Expr visitNumberLiteral(NumberLiteralContext context) {
    String text = context.getText();
    boolean integer = text.chars().allMatch(Character::isDigit);
    return new Expr.Number(at(context), Double.parseDouble(text), integer, text);
  }

  @Override
  public Expr visitStringLiteral(StringLiteralContext context) {
    return new Expr.Text(at(context), unquote(context.getText()));
  }

  @Override
  public Expr visitBooleanLiteral(BooleanLiteralContext context) {
    return new Expr.Bool(at(context), context.TRUE() != null);
  }

  @Override
  public Expr visitArrayLiteral(ArrayLiteralContext context) {
    return new Expr.Array(at(context), all(context.expression()));
  }

  @Override
  public Expr visitCallExpression(CallExpressionContext context) {
    return new Expr.Call(at(context), parts(context.callee), arguments(context.arguments()));
  }

  @Override
  public Expr visitReferenceExpression(ReferenceExpressionContext context) {
    return new Expr.Reference(at(context), parts(context.qualifiedName()));
  }

  @Override
  public Expr visitParenthesizedExpression(ParenthesizedExpressionContext context) {
    return visit(context.expression());
  }

  /** Removes the quotes and resolves {@code \"}, {@code \\}, {@code \n} and {@code \t}. */
  static String unquote(String quoted) {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c == '\\' && i + 1 < quoted.length() - 1) {
        char next = quoted.charAt(++i);
        out.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
