package org.pmm.lang.compile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.Pmm;
import org.pmm.distributions.Distribution;
import org.pmm.distributions.Independent;
import org.pmm.distributions.InvalidDistributionException;
import org.pmm.distributions.TensorMath;
import org.pmm.distributions.constraints.Constraint;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.handlers.HandlerStack;
import org.pmm.handlers.PlateMessenger;
import org.pmm.handlers.SiteException;
import org.pmm.lang.program.Dim;
import org.pmm.lang.program.ParamConstraint;
import org.pmm.lang.program.ResolvedExpr;
import org.pmm.lang.program.ResolvedStatement;
import org.pmm.lang.program.Shape;
import org.pmm.nn.Init;
import org.pmm.tensor.Tensor;

/**
 * Compiles the statements of model, guide and function bodies: assignments into slots,
 * {@code param} into {@link Pmm#param} with its initialiser, sample sites into
 * {@link Pmm#sample} (or, when predicting, the guide's location or one draw), and plates into
 * {@link Pmm#plate} over the run's rows.
 */
final class BodyCompiler {
  private final CompiledProgram program;
  private final ExpressionCompiler expressions;

  BodyCompiler(CompiledProgram program, ExpressionCompiler expressions) {
    this.program = program;
    this.expressions = expressions;
  }

  Stmt body(List<ResolvedStatement> statements, Where where) {
    List<Stmt> out = new ArrayList<>();
    for (ResolvedStatement s : statements) {
      out.add(statement(s, where));
    }
    return Stmt.sequence(out);
  }

  Stmt statement(ResolvedStatement s, Where where) {
    if (s instanceof ResolvedStatement.Assign a) {
      Node value = expressions.compile(a.value(), where);
      int slot = where.scope().define(a.local());
      return f -> f.slots[slot] = value.eval(f);
    } else if (s instanceof ResolvedStatement.Param p) {
      return param(p, where);
    } else if (s instanceof ResolvedStatement.Sample sample) {
      return sample(sample, where);
    } else if (s instanceof ResolvedStatement.Plate plate) {
      return plate(plate, where);
    }
    throw new CompileError(s.location(), "unknown statement");
  }

  // ------------------------------------------------------------------ param

  private Stmt param(ResolvedStatement.Param p, Where where) {
    String stored = where.paramPrefix() + p.name();
    long[] shape = knownShape(p.shape(), p);
    Constraint constraint = constraint(p.constraint());
    Supplier<INDArray> init = initialiser(p.init(), shape, where);
    int slot = where.scope().define(p.name());
    return f -> f.slots[slot] = Pmm.param(stored, init, constraint);
  }

  private Supplier<INDArray> initialiser(ResolvedExpr init, long[] shape, Where where) {
    if (init instanceof ResolvedExpr.Builtin b) {
      switch (b.name()) {
        case "glorot": {
          // fans of a [in, out] weight; a vector counts as one output per element
          long fanOut = shape.length == 0 ? 1 : shape[shape.length - 1];
          long fanIn = 1;
          for (int i = 0; i < shape.length - 1; i++) {
            fanIn *= shape[i];
          }
          long in = shape.length < 2 ? fanOut : fanIn;
          return () -> Init.glorotUniform(program.rng(), ExpressionCompiler.TYPE, in, fanOut, shape);
        }
        case "zeros":
          return () -> Init.zeros(ExpressionCompiler.TYPE, shape);
        case "ones":
          return () -> Init.filled(ExpressionCompiler.TYPE, 1.0, shape);
        case "uniform": {
          Double low = expressions.scalarConstant(b.arguments().get("low"));
          Double high = expressions.scalarConstant(b.arguments().get("high"));
          if (low == null || high == null) {
            throw new CompileError(b.location(), "uniform(low, high) needs constant bounds");
          }
          return () -> program.rng().uniform(ExpressionCompiler.TYPE, low, high, shape);
        }
        default:
          break;
      }
    }
    if (!ExpressionCompiler.isConstant(init)) {
      throw new CompileError(init.location(), "a parameter's initial value must be a constant or an initialiser");
    }
    INDArray value = expressions.constantValue(init, where).value();
    return () -> ExpressionCompiler.broadcastTo(value, shape);
  }

  static Constraint constraint(ParamConstraint c) {
    return switch (c.kind()) {
      case "real" -> Constraints.real();
      case "positive" -> Constraints.positive();
      case "interval" -> Constraints.interval(c.low(), c.high());
      case "unit_interval" -> Constraints.unitInterval();
      case "simplex" -> Constraints.simplex();
      default -> throw new CompileError(null, "unknown constraint '" + c.kind() + "'");
    };
  }

  private static long[] knownShape(Shape shape, ResolvedStatement at) {
    if (!shape.known()) {
      throw new CompileError(at.location(), "the shape of this parameter is not known");
    }
    long[] out = new long[shape.rank()];
    for (int i = 0; i < out.length; i++) {
      if (!(shape.dim(i) instanceof Dim.Known k)) {
        throw new CompileError(at.location(), "a parameter's shape must be known before data is loaded, not "
            + shape);
      }
      out[i] = k.size();
    }
    return out;
  }

  // ------------------------------------------------------------------ sample

  private Stmt sample(ResolvedStatement.Sample s, Where where) {
    ResolvedExpr.Distribution d = s.distribution();
    DistributionBuilder builder = DistributionBuilder.compile(d, expressions, where);
    Shape batch = d.batchShape();
    Dim[] batchDims = batch.known() ? batch.dims().toArray(Dim[]::new) : null;
    int eventRank = d.eventShape().known() ? d.eventShape().rank() : 0;
    Node observed = s.observed() == null ? null : expressions.dataRef(s.observed(), where);
    String site = s.site();
    int slot = where.scope().define(site);
    if (observed != null) {
      return f -> {
        if (f.run.mode == Mode.POSTERIOR) {
          // posterior predictive: the observation is drawn from the model, whatever the data say
          long[] shape = f.run.data.values[program.dataIndex(s.observed())] != null
              ? observed.eval(f).shape() : declaredShape(s.observed(), f);
          Distribution dist = build(builder, site, f);
          f.slots[slot] = Pmm.sample(site,
              toSite(dist, Arrays.copyOf(shape, shape.length - eventRank), f));
          return;
        }
        if (!f.run.training()) {
          // predicting: labels are what we predict; the site is not scored
          Tensor v = f.run.data.values[program.dataIndex(s.observed())];
          f.slots[slot] = v == null ? null : observed.eval(f);
          return;
        }
        Tensor value = observed.eval(f);
        long[] target = Arrays.copyOf(value.shape(), value.rank() - eventRank);
        Distribution dist = toSite(build(builder, site, f), target, f);
        f.slots[slot] = Pmm.sample(site, dist, value);
      };
    }
    // the mean without building the distribution, when the site's shape does not depend on it
    Node mean = allKnown(batchDims) ? DistributionBuilder.meanArgument(d, expressions, where)
        : null;
    return f -> {
      Run run = f.run;
      if (f.substitutes != null) {
        Tensor v = f.substitutes.get(site);
        if (v != null) {
          f.slots[slot] = v;
          return;
        }
      }
      if (run.atGuideMeans() && f.substitutes == null && mean != null) {
        Tensor value = TensorMath.broadcastTo(mean.eval(f), target(batchDims, null, f)).detach();
        f.slots[slot] = value;
        if (f.recorded != null) {
          f.recorded.put(site, value);
        }
        return;
      }
      Distribution dist = build(builder, site, f);
      long[] target = target(batchDims, dist.batchShape(), f);
      if (run.traced()) {
        f.slots[slot] = Pmm.sample(site, toSite(dist, target, f));
        return;
      }
      Distribution full = Arrays.equals(dist.batchShape(), target) ? dist : dist.expand(target);
      Tensor value = run.atGuideMeans() || f.substitutes != null
          ? full.mean().detach()
          : full.sample(program.predictionRng());
      f.slots[slot] = value;
      if (f.recorded != null) {
        f.recorded.put(site, value);
      }
    };
  }

  /**
   * The site's distribution at this run's values; parameters it refuses (a scale that training
   * drove to 0) are reported with the site's name.
   */
  private static Distribution build(DistributionBuilder builder, String site, Frame f) {
    try {
      return builder.build(f);
    } catch (InvalidDistributionException e) {
      throw new SiteException(site, e.getMessage());
    }
  }

  /**
   * The distribution of a site: broadcast to its batch shape, then every dimension that is not
   * a plate's made part of the event, so that the site's log-density is one number per plate
   * element (per row inside the data plate, one in total outside plates).
   */
  private static Distribution toSite(Distribution d, long[] target, Frame f) {
    Distribution full = Arrays.equals(d.batchShape(), target) ? d : d.expand(target);
    int plates = f.plate == null ? 0 : 1;
    return Independent.of(full, Math.max(0, target.length - plates));
  }

  /** Whether every dimension is a number or a symbol (none taken from the runtime shape). */
  private static boolean allKnown(Dim[] dims) {
    if (dims == null) {
      return false;
    }
    for (Dim d : dims) {
      if (!(d instanceof Dim.Known) && !(d instanceof Dim.Symbol)) {
        return false;
      }
    }
    return true;
  }

  /** The batch shape a site's distribution must have: the checked shape with sizes of this run. */
  private static long[] target(Dim[] dims, long[] runtime, Frame f) {
    if (dims == null) {
      return runtime;
    }
    long[] out = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      Dim d = dims[i];
      if (d instanceof Dim.Known k) {
        out[i] = k.size();
      } else if (d instanceof Dim.Symbol s) {
        out[i] = symbolSize(s.name(), f);
      } else {
        int fromRight = dims.length - i;
        out[i] = fromRight <= runtime.length ? runtime[runtime.length - fromRight] : 1;
      }
    }
    return out;
  }

  /** The shape a data entry is declared with, its symbols at this run's sizes. */
  private long[] declaredShape(String entry, Frame f) {
    Shape shape = program.checked().data().get(entry).shape();
    long[] out = new long[shape.rank()];
    for (int i = 0; i < out.length; i++) {
      Dim d = shape.dim(i);
      out[i] = d instanceof Dim.Known k ? k.size() : symbolSize(((Dim.Symbol) d).name(), f);
    }
    return out;
  }

  static long symbolSize(String symbol, Frame f) {
    if (f.plate != null && symbol.equals(f.plate.symbol)) {
      return f.plate.size();
    }
    return f.run.data.symbolSize(symbol);
  }

  // ------------------------------------------------------------------ plate

  private Stmt plate(ResolvedStatement.Plate p, Where where) {
    if (where.plate() != null) {
      throw new CompileError(p.location(), "nested plates are not supported by the interpreter yet");
    }
    String name = p.name();
    Dim size = p.size();
    String symbol = size instanceof Dim.Symbol s ? s.name() : null;
    Node subsample = p.subsample() == null ? null : expressions.compile(p.subsample(), where);
    Stmt body = body(p.body(), where.inPlate(size));
    int inputs = program.dataCount();
    return f -> {
      Run run = f.run;
      long full = size instanceof Dim.Known k ? k.size() : run.data.symbolSize(symbol);
      long[] indices;
      boolean identity;
      if (symbol != null && run.data.rows != null && symbol.equals(run.data.batchSymbol)) {
        indices = run.data.rows;
        identity = true;
      } else {
        indices = run.plateIndices.computeIfAbsent(name, k -> choose(full, subsample, f));
        identity = indices.length == full;
      }
      PlateState outer = f.plate;
      f.plate = new PlateState(symbol, full, indices, identity, inputs);
      try {
        if (run.traced()) {
          try (PlateMessenger messenger = Pmm.plate(name, full, indices, -1)) {
            body.run(f);
          }
        } else {
          body.run(f);
        }
      } finally {
        f.plate = outer;
      }
    };
  }

  /** All rows, or a random subsample of {@code subsample} rows drawn from the sampling stream. */
  private static long[] choose(long full, Node subsample, Frame f) {
    long k = subsample == null || !f.run.training() ? full : Math.round(subsample.eval(f).item());
    long[] all = new long[Math.toIntExact(full)];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    if (k >= full) {
      return all;
    }
    java.util.Random random = new java.util.Random(HandlerStack.random().nextLong());
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt((int) (full - i));
      long t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    return Arrays.copyOf(all, (int) k);
  }
}
