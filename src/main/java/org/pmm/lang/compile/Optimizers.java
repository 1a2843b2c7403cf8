package org.pmm.lang.compile;

import java.util.Map;
import org.pmm.lang.program.Definitions;
import org.pmm.lang.program.ResolvedExpr;
import org.pmm.optim.Adam;
import org.pmm.optim.AdamW;
import org.pmm.optim.ClippedAdam;
import org.pmm.optim.Optimizer;
import org.pmm.optim.Sgd;

/**
 * The optimiser of an objective from its {@code using} clause. Options the engine's optimisers
 * do not take (betas of AdamW, Sgd's momentum) are accepted only at their defaults; other values
 * are a compile error rather than silently ignored.
 */
final class Optimizers {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;

  private Optimizers() {}

  static Optimizer build(Definitions.Optimizer o, ExpressionCompiler expressions) {
    Map<String, ResolvedExpr> options = o.options();
    double lr = number(options, "lr", Double.NaN, o, expressions);
    if (Double.isNaN(lr)) {
      throw new CompileError(o.location(), o.spec().name() + " needs a learning rate");
    }
    double[] betas = betas(options, o, expressions);
    String name = o.spec().name();
    switch (name) {
      case "Sgd":
        if (number(options, "momentum", 0, o, expressions) != 0) {
          throw new CompileError(o.location(), "Sgd with momentum is not supported by the engine yet");
        }
        return new Sgd(lr);
      case "Adam":
        return betas == null ? new Adam(lr) : new Adam(lr, betas[0], betas[1], 1e-8);
      case "ClippedAdam":
        return new ClippedAdam(lr, betas == null ? new double[] {BETA1, BETA2} : betas,
            number(options, "clip", 10.0, o, expressions),
            number(options, "lr_decay", 1.0, o, expressions));
      case "AdamW":
        defaultBetas(betas, o);
        return new AdamW(lr, number(options, "weight_decay", 0.01, o, expressions));
      default:
        throw new CompileError(o.location(), "optimiser '" + name + "' is not supported by the interpreter");
    }
  }

  private static void defaultBetas(double[] betas, Definitions.Optimizer o) {
    if (betas != null && (betas[0] != BETA1 || betas[1] != BETA2)) {
      throw new CompileError(o.location(), o.spec().name() + " takes only the default betas (0.9, 0.999) here");
    }
  }

  private static double[] betas(Map<String, ResolvedExpr> options, Definitions.Optimizer o,
      ExpressionCompiler expressions) {
    ResolvedExpr e = options.get("betas");
    if (e == null) {
      return null;
    }
    if (!ExpressionCompiler.isConstant(e)) {
      throw new CompileError(e.location(), "betas must be constant");
    }
    double[] v = expressions.constantValue(e, new Where(new Scope(), null, "")).value().toDoubleVector();
    if (v.length != 2) {
      throw new CompileError(e.location(), "betas needs two values, got " + v.length);
    }
    return v;
  }

  static double number(Map<String, ResolvedExpr> options, String name, double fallback, Definitions.Optimizer o,
      ExpressionCompiler expressions) {
    ResolvedExpr e = options.get(name);
    if (e == null) {
      return fallback;
    }
    Double v = expressions.scalarConstant(e);
    if (v == null) {
      throw new CompileError(e.location(), "option '" + name + "' of " + o.spec().name() + " must be a constant number");
    }
    return v;
  }
}
