package org.pmm.lang.parse;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.tree.ParseTree;
import org.pmm.lang.ast.Declaration;
import org.pmm.lang.ast.Expr;
import org.pmm.lang.ast.SourceLocation;
import org.pmm.lang.ast.Statement;
import org.pmm.lang.parse.PmmParser.*;

/**
 * Builds the AST of declarations and statements from a parse tree without syntax errors;
 * expressions are delegated to {@link ExpressionBuilder}.
 */
final class AstBuilder extends PmmBaseVisitor<Object> {
  private final ExpressionBuilder expressions;

  AstBuilder(String file) {
    this.expressions = new ExpressionBuilder(file);
  }

  List<Declaration> program(ProgramContext context) {
    List<Declaration> out = new ArrayList<>();
    for (DeclarationContext declaration : context.declaration()) {
      out.add((Declaration) visit(declaration));
    }
    return out;
  }

  private SourceLocation at(org.antlr.v4.runtime.ParserRuleContext context) {
    return expressions.at(context);
  }

  private Expr expr(ExpressionContext context) {
    return context == null ? null : expressions.visit(context);
  }

  private List<Statement> body(BodyContext context) {
    List<Statement> out = new ArrayList<>();
    for (StatementContext statement : context.statement()) {
      out.add((Statement) visit(statement));
    }
    return out;
  }

  private List<Declaration.Parameter> parameters(ParameterListContext context) {
    List<Declaration.Parameter> out = new ArrayList<>();
    if (context != null) {
      for (IdentifierContext name : context.identifier()) {
        out.add(new Declaration.Parameter(at(name), name.getText()));
      }
    }
    return out;
  }

  private List<Expr> shape(ShapeContext context) {
    return context == null ? null : expressions.all(context.expression());
  }

  @Override
  public Object visitImportDeclaration(ImportDeclarationContext context) {
    return new Declaration.Import(at(context), ExpressionBuilder.unquote(context.path.getText()));
  }

  @Override
  public Object visitHyperDeclaration(HyperDeclarationContext context) {
    List<Declaration.HyperEntry> entries = new ArrayList<>();
    for (HyperEntryContext entry : context.hyperEntry()) {
      entries.add(new Declaration.HyperEntry(at(entry), entry.name.getText(), (Expr) visit(entry.value)));
    }
    return new Declaration.Hyper(at(context), entries);
  }

  @Override
  public Object visitNumberValue(NumberValueContext context) {
    String text = context.NUMBER().getText();
    boolean integer = text.chars().allMatch(Character::isDigit);
    double magnitude = Double.parseDouble(text);
    boolean negative = context.MINUS() != null;
    return new Expr.Number(at(context), negative ? -magnitude : magnitude, integer, (negative ? "-" : "") + text);
  }

  @Override
  public Object visitStringValue(StringValueContext context) {
    return new Expr.Text(at(context), ExpressionBuilder.unquote(context.getText()));
  }

  @Override
  public Object visitBooleanValue(BooleanValueContext context) {
    return new Expr.Bool(at(context), context.TRUE() != null);
  }

  @Override
  public Object visitSymbolValue(SymbolValueContext context) {
    return new Expr.Reference(at(context), List.of(context.getText()));
  }

  /** {@code iwae(8)}: a symbol with its parameter, written as one symbol {@code "iwae(8)"}. */
  @Override
  public Object visitParameterisedSymbolValue(ParameterisedSymbolValueContext context) {
    return new Expr.Reference(at(context), List.of(context.getText()));
  }

  @Override
  public Object visitDataDeclaration(DataDeclarationContext context) {
    List<Declaration.DataEntry> entries = new ArrayList<>();
    for (DataEntryContext entry : context.dataEntry()) {
      entries.add(new Declaration.DataEntry(at(entry), entry.name.getText(), entry.type.getText(),
          at(entry.type), shape(entry.shape()), expr(entry.source)));
    }
    return new Declaration.Data(at(context), entries);
  }

  @Override
  public Object visitFunctionDeclaration(FunctionDeclarationContext context) {
    return new Declaration.Function(at(context), context.name.getText(), parameters(context.parameterList()),
        body(context.body()));
  }

  @Override
  public Object visitNetworkDeclaration(NetworkDeclarationContext context) {
    List<Declaration.Layer> layers = new ArrayList<>();
    for (LayerContext layer : context.layer()) {
      layers.add(new Declaration.Layer(at(layer), layer.name.getText(), expressions.arguments(layer.arguments()),
          expr(layer.condition)));
    }
    return new Declaration.Network(at(context), context.name.getText(), parameters(context.parameterList()), layers);
  }

  @Override
  public Object visitModuleDeclaration(ModuleDeclarationContext context) {
    List<Statement> model = null;
    List<Statement> guide = null;
    for (ModulePartContext part : context.modulePart()) {
      if (part instanceof ModuleModelContext m) {
        model = body(m.body());
      } else if (part instanceof ModuleGuideContext g) {
        guide = body(g.body());
      }
    }
    return new Declaration.Module(at(context), context.name.getText(), parameters(context.parameterList()), model, guide);
  }

  @Override
  public Object visitModelDeclaration(ModelDeclarationContext context) {
    return new Declaration.Model(at(context), context.name.getText(), body(context.body()));
  }

  @Override
  public Object visitGuideDeclaration(GuideDeclarationContext context) {
    return new Declaration.Guide(at(context), context.name.getText(), body(context.body()), null);
  }

  @Override
  public Object visitAutoGuideDeclaration(AutoGuideDeclarationContext context) {
    return new Declaration.Guide(at(context), context.name.getText(), List.of(), context.kind.getText());
  }

  @Override
  public Object visitTrainDeclaration(TrainDeclarationContext context) {
    List<Declaration.Objective> objectives = new ArrayList<>();
    List<Declaration.Step> steps = new ArrayList<>();
    List<Declaration.Setting> settings = new ArrayList<>();
    for (TrainItemContext item : context.trainItem()) {
      Object built = visit(item);
      if (built instanceof Declaration.Objective o) {
        objectives.add(o);
      } else if (built instanceof Declaration.Step s) {
        steps.add(s);
      } else {
        settings.add((Declaration.Setting) built);
      }
    }
    return new Declaration.Train(at(context), objectives, steps, settings);
  }

  @Override
  public Object visitObjectiveItem(ObjectiveItemContext context) {
    List<Declaration.Parameter> groups = new ArrayList<>();
    for (IdentifierContext group : context.groups) {
      groups.add(new Declaration.Parameter(at(group), group.getText()));
    }
    return new Declaration.Objective(at(context.name), context.name.getText(), expr(context.loss),
        expr(context.optimizer), groups);
  }

  @Override
  public Object visitStepItem(StepItemContext context) {
    return new Declaration.Step(at(context.how), context.how.getText());
  }

  @Override
  public Object visitSettingItem(SettingItemContext context) {
    return visit(context.setting());
  }

  @Override
  public Object visitSetting(SettingContext context) {
    return new Declaration.Setting(at(context), context.name.getText(), expr(context.value));
  }

  @Override
  public Object visitEvalDeclaration(EvalDeclarationContext context) {
    List<Declaration.Setting> settings = new ArrayList<>();
    for (SettingContext setting : context.setting()) {
      settings.add((Declaration.Setting) visit(setting));
    }
    return new Declaration.Eval(at(context), settings);
  }

  @Override
  public Object visitAssignStatement(AssignStatementContext context) {
    return new Statement.Assign(at(context), context.name.getText(), expr(context.value));
  }

  @Override
  public Object visitSampleStatement(SampleStatementContext context) {
    return new Statement.Sample(at(context), context.name.getText(), expr(context.distribution));
  }

  @Override
  public Object visitParamStatement(ParamStatementContext context) {
    Statement.Constraint constraint = context.constraint() == null ? null
        : (Statement.Constraint) visit(context.constraint());
    return new Statement.Param(at(context.name), context.name.getText(), shape(context.shape()), constraint,
        expr(context.init));
  }

  @Override
  public Object visitLowerBoundConstraint(LowerBoundConstraintContext context) {
    return new Statement.Constraint.LowerBound(at(context), expr(context.bound));
  }

  @Override
  public Object visitIntervalConstraint(IntervalConstraintContext context) {
    return new Statement.Constraint.Interval(at(context), expr(context.low), expr(context.high));
  }

  @Override
  public Object visitNamedConstraint(NamedConstraintContext context) {
    return new Statement.Constraint.Named(at(context.kind), context.kind.getText());
  }

  @Override
  public Object visitPlateStatement(PlateStatementContext context) {
    return new Statement.Plate(at(context.name), context.name.getText(), expressions.arguments(context.arguments()),
        body(context.body()));
  }

  @Override
  public Object visitUseStatement(UseStatementContext context) {
    String module = context.module == null ? null : context.module.getText();
    return new Statement.Use(at(context), context.instance.getText(), module, expressions.arguments(context.arguments()));
  }

  @Override
  public Object visitReturnStatement(ReturnStatementContext context) {
    return new Statement.Return(at(context), expr(context.value));
  }

  @Override
  protected Object aggregateResult(Object aggregate, Object next) {
    return next == null ? aggregate : next;
  }

  @Override
  public Object visitChildren(org.antlr.v4.runtime.tree.RuleNode node) {
    Object result = null;
    for (int i = 0; i < node.getChildCount(); i++) {
      ParseTree child = node.getChild(i);
      Object built = child.accept(this);
      result = built == null ? result : built;
    }
    return result;
  }
}
