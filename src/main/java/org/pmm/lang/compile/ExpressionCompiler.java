package org.pmm.lang.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.lang.ast.Expr;
import org.pmm.lang.program.Dim;
import org.pmm.lang.program.HyperValue;
import org.pmm.lang.program.ResolvedExpr;
import org.pmm.lang.program.ResolvedStatement;
import org.pmm.lang.program.Shape;
import org.pmm.params.ParamStore;
import org.pmm.tensor.Ops;
import org.pmm.tensor.Tensor;

/**
 * Turns resolved expressions into {@link Node}s. Constant sub-expressions (numbers,
 * hyperparameters and arithmetic over them) are evaluated once here; names become slot reads;
 * operators with a constant scalar operand use the engine's scalar forms.
 */
final class ExpressionCompiler {
  static final DataType TYPE = DataType.FLOAT;
  private final CompiledProgram program;
  private BodyCompiler bodies;

  ExpressionCompiler(CompiledProgram program) {
    this.program = program;
  }

  void bodies(BodyCompiler bodies) {
    this.bodies = bodies;
  }

  Node compile(ResolvedExpr e, Where where) {
    if (isConstant(e)) {
      Tensor value = constantValue(e, where);
      return f -> value;
    }
    if (e instanceof ResolvedExpr.DataRef d) {
      return dataRef(d.name(), where);
    } else if (e instanceof ResolvedExpr.ParamRef p) {
      return paramRef(p, where);
    } else if (e instanceof ResolvedExpr.SiteRef s) {
      return slotRef(s.name(), where, s);
    } else if (e instanceof ResolvedExpr.LocalRef l) {
      return slotRef(l.name(), where, l);
    } else if (e instanceof ResolvedExpr.ModelValue m) {
      return modelValue(m);
    } else if (e instanceof ResolvedExpr.Inlined i) {
      return inlined(i, where);
    } else if (e instanceof ResolvedExpr.NetworkCall n) {
      return networkCall(n, where);
    }
    return structural(e, where);
  }

  /** Expressions built from sub-expressions, constant or not. */
  private Node structural(ResolvedExpr e, Where where) {
    if (e instanceof ResolvedExpr.Stack s) {
      return stack(s, where);
    } else if (e instanceof ResolvedExpr.Builtin b) {
      return builtin(b, where);
    } else if (e instanceof ResolvedExpr.Unary u) {
      return unary(u, where);
    } else if (e instanceof ResolvedExpr.Binary b) {
      return binary(b, where);
    } else if (e instanceof ResolvedExpr.Index i) {
      return index(i, where);
    } else if (e instanceof ResolvedExpr.Conditional c) {
      return conditional(c, where);
    }
    throw new CompileError(e.location(), "this expression has no tensor value");
  }

  // ------------------------------------------------------------------ constants

  /** True when the value does not depend on data, parameters, sites or networks. */
  static boolean isConstant(ResolvedExpr e) {
    if (e instanceof ResolvedExpr.Constant || e instanceof ResolvedExpr.Flag) {
      return true;
    } else if (e instanceof ResolvedExpr.HyperRef h) {
      return h.value().asNumber() != null || h.value() instanceof HyperValue.BoolValue;
    } else if (e instanceof ResolvedExpr.Stack s) {
      return s.elements().stream().allMatch(ExpressionCompiler::isConstant);
    } else if (e instanceof ResolvedExpr.Unary u) {
      return isConstant(u.operand());
    } else if (e instanceof ResolvedExpr.Binary b) {
      return isConstant(b.left()) && isConstant(b.right());
    } else if (e instanceof ResolvedExpr.Builtin b) {
      return Set.of("sigmoid", "tanh", "softplus", "relu", "exp", "log", "sqrt", "abs", "concat", "sum", "mean")
          .contains(b.name()) && b.arguments().values().stream().allMatch(ExpressionCompiler::isConstant);
    } else if (e instanceof ResolvedExpr.Index i) {
      return isConstant(i.base()) && i.indices().stream().allMatch(ExpressionCompiler::isConstant);
    } else if (e instanceof ResolvedExpr.Conditional c) {
      return isConstant(c.condition()) && isConstant(c.then()) && isConstant(c.otherwise());
    }
    return false;
  }

  /** A constant expression's value, computed now (outside any step, so never released). */
  Tensor constantValue(ResolvedExpr e, Where where) {
    Tensor t;
    if (e instanceof ResolvedExpr.Constant c) {
      t = scalar(c.value());
    } else if (e instanceof ResolvedExpr.Flag f) {
      t = scalar(f.value() ? 1 : 0);
    } else if (e instanceof ResolvedExpr.HyperRef h) {
      t = scalar(number(h.value(), h));
    } else {
      t = structural(e, where).eval(new Frame(null, where.scope().size()));
    }
    return Tensor.constant(t.value().dup());
  }

  /** A constant scalar's value, or null if {@code e} is not one. */
  Double scalarConstant(ResolvedExpr e) {
    if (!isConstant(e) || (e.shape().known() && e.shape().rank() != 0)) {
      return null;
    }
    Tensor t = constantValue(e, new Where(new Scope(), null, ""));
    return t.length() == 1 ? t.value().getDouble(0) : null;
  }

  static Tensor scalar(double v) {
    return Tensor.constant(Nd4j.scalar(TYPE, v));
  }

  static double number(HyperValue v, ResolvedExpr at) {
    if (v instanceof HyperValue.BoolValue b) {
      return b.value() ? 1 : 0;
    }
    Double d = v.asNumber();
    if (d == null) {
      throw new CompileError(at.location(), "'" + v + "' is not a number");
    }
    return d;
  }

  // ------------------------------------------------------------------ names

  Node dataRef(String name, Where where) {
    int index = program.dataIndex(name);
    Shape shape = program.dataShape(index);
    boolean subsampled = where.plate() != null && shape.known() && shape.rank() > 0
        && shape.dim(0).equals(where.plate());
    return f -> {
      Tensor v = f.run.data.values[index];
      if (v == null) {
        throw new IllegalStateException("data input '" + name + "' is not bound in this run");
      }
      PlateState p = f.plate;
      if (subsampled && p != null && !p.identity) {
        Tensor g = p.gathered[index];
        if (g == null) {
          g = v.gatherRows(p.indices);
          p.gathered[index] = g;
        }
        return g;
      }
      return v;
    };
  }

  private Node paramRef(ResolvedExpr.ParamRef p, Where where) {
    int slot = where.scope().lookup(p.name());
    if (slot >= 0) {
      return f -> f.slot(slot, p.name());
    }
    String stored = where.paramPrefix() + p.name();
    return f -> {
      ParamStore.Entry e = ParamStore.current().entry(stored);
      if (e == null) {
        throw new IllegalStateException("parameter '" + stored + "' is used before its declaration ran");
      }
      return e.constraint().transform(e.unconstrained());
    };
  }

  private Node slotRef(String name, Where where, ResolvedExpr at) {
    int slot = where.scope().lookup(name);
    if (slot < 0) {
      throw new CompileError(at.location(), "'" + name + "' has no value at this point of the body");
    }
    return f -> f.slot(slot, name);
  }

  private Node modelValue(ResolvedExpr.ModelValue m) {
    int model = program.modelIndex(m.model());
    int slot = program.modelScope(model).lookup(m.name());
    if (slot < 0) {
      throw new CompileError(m.location(), "model '" + m.model() + "' has no value '" + m.name() + "'");
    }
    String name = m.model() + "." + m.name();
    return f -> f.run.model(model).slot(slot, name);
  }

  // ------------------------------------------------------------------ structure

  private Node stack(ResolvedExpr.Stack s, Where where) {
    Node[] parts = s.elements().stream().map(x -> compile(x, where)).toArray(Node[]::new);
    return f -> {
      Tensor[] rows = new Tensor[parts.length];
      for (int i = 0; i < parts.length; i++) {
        Tensor t = parts[i].eval(f);
        long[] shape = new long[t.rank() + 1];
        shape[0] = 1;
        System.arraycopy(t.shape(), 0, shape, 1, t.rank());
        rows[i] = t.reshape(shape);
      }
      return rows.length == 1 ? rows[0] : Ops.concat(0, rows);
    };
  }

  private Node inlined(ResolvedExpr.Inlined i, Where where) {
    Where inner = where.child();
    List<Stmt> body = new ArrayList<>();
    for (ResolvedStatement s : i.body()) {
      body.add(bodies.statement(s, inner));
    }
    Node result = compile(i.result(), inner);
    if (body.isEmpty()) {
      return result;
    }
    Stmt run = Stmt.sequence(body);
    return f -> {
      run.run(f);
      return result.eval(f);
    };
  }

  private Node networkCall(ResolvedExpr.NetworkCall n, Where where) {
    NetworkInstance net = program.network(n.network());
    Node input = compile(n.input(), where);
    return f -> net.apply(input.eval(f), f.run.training(), program.rng(), f.run.dropoutRng());
  }

  private Node conditional(ResolvedExpr.Conditional c, Where where) {
    Node cond = compile(c.condition(), where);
    Node then = compile(c.then(), where);
    Node otherwise = compile(c.otherwise(), where);
    return f -> cond.eval(f).item() != 0 ? then.eval(f) : otherwise.eval(f);
  }

  private Node index(ResolvedExpr.Index i, Where where) {
    Node base = compile(i.base(), where);
    Node[] indices = i.indices().stream().map(x -> compile(x, where)).toArray(Node[]::new);
    return f -> {
      Tensor t = base.eval(f);
      for (Node n : indices) {
        long k = Math.round(n.eval(f).item());
        long size = t.size(0);
        if (k < 0) {
          k += size;
        }
        if (k < 0 || k >= size) {
          throw new IllegalStateException("index " + k + " out of range for a dimension of size " + size);
        }
        long[] rest = java.util.Arrays.copyOfRange(t.shape(), 1, t.rank());
        t = t.slice(0, k, k + 1).reshape(rest);
      }
      return t;
    };
  }

  // ------------------------------------------------------------------ operators

  private Node unary(ResolvedExpr.Unary u, Where where) {
    Node x = compile(u.operand(), where);
    if (u.operator() != Expr.Operator.NEGATE) {
      throw new CompileError(u.location(), "unknown unary operator " + u.operator());
    }
    return f -> x.eval(f).neg();
  }

  private Node binary(ResolvedExpr.Binary b, Where where) {
    Expr.Operator op = b.operator();
    if (op == Expr.Operator.ADD && b.left() instanceof ResolvedExpr.Binary product
        && product.operator() == Expr.Operator.MATMUL) {
      return affine(product, b.right(), where);
    }
    if (op == Expr.Operator.MATMUL) {
      Node l = compile(b.left(), where);
      Node r = compile(b.right(), where);
      return f -> Ops.product(l.eval(f), r.eval(f));
    }
    Double rc = scalarConstant(b.right());
    Double lc = scalarConstant(b.left());
    if (rc != null && !isConstant(b.left())) {
      double c = rc;
      Node l = compile(b.left(), where);
      return switch (op) {
        case ADD -> f -> l.eval(f).add(c);
        case SUBTRACT -> f -> l.eval(f).sub(c);
        case MULTIPLY -> f -> l.eval(f).mul(c);
        case DIVIDE -> f -> l.eval(f).div(c);
        case POWER -> c == 2 ? f -> l.eval(f).square() : c == 0.5 ? f -> l.eval(f).sqrt() : f -> l.eval(f).pow(c);
        default -> throw new CompileError(b.location(), "unknown operator " + op);
      };
    }
    if (lc != null && !isConstant(b.right())) {
      double c = lc;
      Node r = compile(b.right(), where);
      switch (op) {
        case ADD:
          return f -> r.eval(f).add(c);
        case MULTIPLY:
          return f -> r.eval(f).mul(c);
        case SUBTRACT:
          return f -> r.eval(f).neg().add(c);
        default:
          break;
      }
    }
    Node l = compile(b.left(), where);
    Node r = compile(b.right(), where);
    return switch (op) {
      case ADD -> f -> l.eval(f).add(r.eval(f));
      case SUBTRACT -> f -> l.eval(f).sub(r.eval(f));
      case MULTIPLY -> f -> l.eval(f).mul(r.eval(f));
      case DIVIDE -> f -> l.eval(f).div(r.eval(f));
      // a ^ b = exp(b · log a), for a > 0
      case POWER -> f -> l.eval(f).log().mul(r.eval(f)).exp();
      default -> throw new CompileError(b.location(), "unknown operator " + op);
    };
  }

  /**
   * {@code x @ W + b} as one affine operation ({@link Ops#affine}: the bits of the product and
   * the sum, with one array and one pass fewer), and {@code concat(p, q) @ W + b} without
   * building the concatenation ({@link Ops#affineOfConcat}), as the gate of
   * {@code stdlib/fusion.pmm} reads it. Operands are evaluated in the order of the unfused
   * expression (x or the parts, W, b); shapes the fused operations do not take (vectors, a
   * bias that is not one row) get the product and the sum.
   */
  private Node affine(ResolvedExpr.Binary product, ResolvedExpr biasExpr, Where where) {
    boolean concatenated = product.left() instanceof ResolvedExpr.Builtin c
        && c.name().equals("concat");
    Node[] parts = concatenated
        ? ((ResolvedExpr.Builtin) product.left()).arguments().values().stream()
            .map(x -> compile(x, where)).toArray(Node[]::new)
        : new Node[] {compile(product.left(), where)};
    Node weight = compile(product.right(), where);
    Node bias = compile(biasExpr, where);
    return f -> {
      Tensor[] x = new Tensor[parts.length];
      for (int i = 0; i < parts.length; i++) {
        x[i] = parts[i].eval(f);
      }
      Tensor w = weight.eval(f);
      Tensor b = bias.eval(f);
      return concatenated ? Ops.affineOfConcat(x, w, b) : Ops.affine(x[0], w, b);
    };
  }

  // ------------------------------------------------------------------ built-ins

  private Node builtin(ResolvedExpr.Builtin b, Where where) {
    Map<String, ResolvedExpr> args = b.arguments();
    switch (b.name()) {
      case "concat": {
        Node[] parts = args.values().stream().map(x -> compile(x, where)).toArray(Node[]::new);
        return f -> {
          Tensor[] t = new Tensor[parts.length];
          for (int i = 0; i < parts.length; i++) {
            t[i] = parts[i].eval(f);
          }
          return Ops.concat(t[0].rank() - 1, t);
        };
      }
      case "sum":
      case "mean": {
        Node x = compile(args.get("x"), where);
        boolean mean = b.name().equals("mean");
        ResolvedExpr axisExpr = args.get("axis");
        if (axisExpr == null) {
          return mean ? f -> x.eval(f).mean() : f -> x.eval(f).sum();
        }
        Double axis = scalarConstant(axisExpr);
        if (axis == null) {
          throw new CompileError(axisExpr.location(), "axis must be a constant");
        }
        int a = axis.intValue();
        return mean ? f -> x.eval(f).mean(false, a) : f -> x.eval(f).sum(false, a);
      }
      case "bce_logits": {
        Node logits = compile(args.get("logits"), where);
        Node target = compile(args.get("target"), where);
        return f -> Ops.bceWithLogits(logits.eval(f), target.eval(f).value()).mean();
      }
      case "bce": {
        Node probs = compile(args.get("probs"), where);
        Node target = compile(args.get("target"), where);
        return f -> {
          Tensor p = probs.eval(f).clamp(1e-7, 1 - 1e-7);
          Tensor y = target.eval(f);
          // −[y log p + (1 − y) log(1 − p)], averaged
          Tensor positive = p.log().mul(y);
          Tensor negative = p.neg().log1p().mul(y.neg().add(1));
          return positive.add(negative).mean().neg();
        };
      }
      case "transpose":
        throw new CompileError(b.location(), "transpose() is not supported by the interpreter yet");
      case "glorot":
      case "zeros":
      case "ones":
      case "uniform":
        throw new CompileError(b.location(), b.name() + "() initialises a parameter; it has no value elsewhere");
      default:
        break;
    }
    Node x = compile(args.get("x"), where);
    return switch (b.name()) {
      case "sigmoid" -> f -> x.eval(f).sigmoid();
      case "tanh" -> f -> x.eval(f).tanh();
      case "softplus" -> f -> x.eval(f).softplus();
      case "relu" -> f -> x.eval(f).relu();
      case "exp" -> f -> x.eval(f).exp();
      case "log" -> f -> x.eval(f).log();
      case "sqrt" -> f -> x.eval(f).sqrt();
      case "abs" -> f -> x.eval(f).abs();
      case "detach" -> f -> x.eval(f).detach();
      default -> throw new CompileError(b.location(), "built-in '" + b.name() + "' is not supported by the interpreter");
    };
  }

  /** An array of {@code shape} filled from a constant tensor by broadcasting. */
  static INDArray broadcastTo(INDArray value, long[] shape) {
    INDArray v = value.dataType() == TYPE ? value : value.castTo(TYPE);
    if (java.util.Arrays.equals(v.shape(), shape)) {
      return v.dup();
    }
    if (v.length() == 1) {
      return Nd4j.valueArrayOf(shape, v.getDouble(0), TYPE);
    }
    return v.broadcast(shape).dup();
  }
}
