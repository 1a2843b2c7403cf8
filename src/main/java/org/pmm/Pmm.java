package org.pmm;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.distributions.Distribution;
import org.pmm.distributions.InvalidDistributionException;
import org.pmm.distributions.constraints.Constraint;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.handlers.BlockMessenger;
import org.pmm.handlers.ConditionMessenger;
import org.pmm.handlers.HandlerStack;
import org.pmm.handlers.MaskMessenger;
import org.pmm.handlers.Message;
import org.pmm.handlers.PlateMessenger;
import org.pmm.handlers.ReplayMessenger;
import org.pmm.handlers.ScaleMessenger;
import org.pmm.handlers.SeedMessenger;
import org.pmm.handlers.SiteException;
import org.pmm.handlers.SubstituteMessenger;
import org.pmm.handlers.Trace;
import org.pmm.handlers.TraceMessenger;
import org.pmm.tensor.Tensor;

/**
 * The user-facing surface of pmm's probabilistic programming: the primitives a model or guide
 * calls, and factories of effect handlers.
 *
 * <pre>{@code
 * import static org.pmm.Pmm.*;
 *
 * Function<Tensor, Tensor> model = data -> {
 *   Tensor mu = sample("mu", new Normal(zero, one));
 *   try (PlateMessenger rows = plate("rows", data.size(0))) {
 *     sample("x", new Normal(mu, one), data);
 *   }
 *   return mu;
 * };
 * Function<Tensor, Tensor> guide = data -> {
 *   Tensor loc = param("loc", () -> Nd4j.zeros(1));
 *   Tensor scale = param("scale", () -> Nd4j.ones(1), Constraints.positive());
 *   return sample("mu", new Normal(loc, scale));
 * };
 * }</pre>
 */
public final class Pmm {
  private Pmm() {}

  // ------------------------------------------------------------------ primitives

  /** A latent random variable: drawn (or replayed, conditioned) through the handler stack. */
  public static Tensor sample(String name, Distribution distribution) {
    Message msg = new Message(Message.Type.SAMPLE, name);
    msg.distribution = distribution;
    return HandlerStack.apply(msg).value;
  }

  /** An observed random variable: its log-density at {@code observed} enters the trace. */
  public static Tensor sample(String name, Distribution distribution, Tensor observed) {
    Message msg = new Message(Message.Type.SAMPLE, name);
    msg.distribution = distribution;
    msg.value = observed;
    msg.observed = observed != null;
    HandlerStack.apply(msg);
    if (msg.observed) {
      try {
        msg.distribution.checkValue(msg.value);
      } catch (InvalidDistributionException e) {
        throw new SiteException(name, e.getMessage());
      }
    }
    return msg.value;
  }

  /** A learnable parameter, created from {@code init} on first use and constrained. */
  public static Tensor param(String name, Supplier<INDArray> init, Constraint constraint) {
    Message msg = new Message(Message.Type.PARAM, name);
    msg.param = new org.pmm.handlers.ParamRequest(init, constraint);
    return HandlerStack.apply(msg).value;
  }

  /** An unconstrained (real) parameter. */
  public static Tensor param(String name, Supplier<INDArray> init) {
    return param(name, init, Constraints.real());
  }

  /**
   * A constrained scalar parameter (type double) created from a plain number on first use, as
   * Pyro's {@code pyro.param("scale", torch.tensor(1.0), constraint=positive)}; later calls
   * return the stored value and ignore {@code init}.
   *
   * <pre>{@code
   * Tensor scale = param("scale", 1.0, Constraints.positive());
   * double now = scale.item();
   * }</pre>
   */
  public static Tensor param(String name, double init, Constraint constraint) {
    return param(name, () -> Nd4j.scalar(DataType.DOUBLE, init), constraint);
  }

  /**
   * An unconstrained scalar parameter from a plain number.
   *
   * <pre>{@code
   * Tensor loc = param("loc", 0.0);
   * }</pre>
   */
  public static Tensor param(String name, double init) {
    return param(name, init, Constraints.real());
  }

  /**
   * A constrained vector parameter (type double, shape [n]) created from {@code init} on first
   * use (the values are copied then).
   *
   * <pre>{@code
   * Tensor weights = param("weights", new double[] {0.2, 0.3, 0.5}, Constraints.simplex());
   * }</pre>
   */
  public static Tensor param(String name, double[] init, Constraint constraint) {
    return param(name, () -> Nd4j.createFromArray(init), constraint);
  }

  /**
   * An unconstrained vector parameter from plain numbers.
   *
   * <pre>{@code
   * Tensor locs = param("locs", new double[] {0, 0, 0});
   * }</pre>
   */
  public static Tensor param(String name, double[] init) {
    return param(name, init, Constraints.real());
  }

  /** Adds {@code logFactor} (summed, scaled by enclosing plates) to the log-density. */
  public static void factor(String name, Tensor logFactor) {
    Message msg = new Message(Message.Type.FACTOR, name);
    msg.value = logFactor;
    HandlerStack.apply(msg);
  }

  /**
   * Records a deterministic value in traces, as an observed site of a point mass at the value
   * (log-density 0), and returns it.
   */
  public static Tensor deterministic(String name, Tensor value) {
    sample(name, new org.pmm.distributions.Delta(value.detach()), value);
    return value;
  }

  /**
   * A plate of {@code size} independent elements without subsampling, at the rightmost batch
   * dimension no enclosing plate uses.
   */
  public static PlateMessenger plate(String name, long size) {
    return plate(name, size, range(size), 0);
  }

  /**
   * A plate of {@code size} independent elements without subsampling at batch dimension {@code
   * dim} (negative, −1 the rightmost; 0 picks as {@link #plate(String, long)} does), as Pyro's
   * {@code pyro.plate(name, size, dim=-2)}: a site inside gets the plate's size there, so a
   * scalar site in a plate at −2 has batch shape [size, 1].
   *
   * <p>An {@code int} third argument is a dimension; a subsample size goes to
   * {@link #plate(String, long, long)} as a {@code long} ({@code plate("rows", n, 32L)}).
   *
   * <pre>{@code
   * try (PlateMessenger rows = plate("rows", 3, -2); PlateMessenger cols = plate("cols", 4, -1)) {
   *   Tensor x = sample("x", new Normal(0.0, 1.0));   // shape [3, 4]
   * }
   * }</pre>
   */
  public static PlateMessenger plate(String name, long size, int dim) {
    if (dim > 0) {
      throw new IllegalArgumentException("plate '" + name + "': dim must be negative, got " + dim
          + " (a subsample size is passed as a long: plate(\"" + name + "\", " + size + ", "
          + dim + "L))");
    }
    return plate(name, size, range(size), dim);
  }

  /** A plate subsampled to {@code subsampleSize} random indices (drawn from the seed stream). */
  public static PlateMessenger plate(String name, long size, long subsampleSize) {
    return plate(name, size, randomSubsample(size, subsampleSize), 0);
  }

  /**
   * A plate over the given subsample of indices, at batch dimension {@code dim} (negative), or
   * when {@code dim} is 0 at the rightmost dimension no enclosing plate uses (Pyro's choice).
   */
  public static PlateMessenger plate(String name, long size, long[] indices, int dim) {
    int d = dim != 0 ? dim : rightmostFreeDim();
    return new PlateMessenger(name, size, indices, d).enter();
  }

  /**
   * Enclosing plates may sit at explicit dimensions, so their number does not name a free one
   * (inside a single plate at −2 it names −2 itself).
   */
  private static int rightmostFreeDim() {
    java.util.Set<Integer> used = new java.util.HashSet<>();
    for (PlateMessenger p : HandlerStack.activePlates()) {
      used.add(p.dim());
    }
    int dim = -1;
    while (used.contains(dim)) {
      dim--;
    }
    return dim;
  }

  private static long[] range(long n) {
    long[] r = new long[Math.toIntExact(n)];
    for (int i = 0; i < r.length; i++) {
      r[i] = i;
    }
    return r;
  }

  private static long[] randomSubsample(long size, long subsampleSize) {
    if (subsampleSize >= size) {
      return range(size);
    }
    java.util.Random random = new java.util.Random(HandlerStack.random().nextLong());
    long[] all = range(size);
    for (int i = 0; i < subsampleSize; i++) {
      int j = i + random.nextInt((int) (size - i));
      long t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    return java.util.Arrays.copyOf(all, (int) subsampleSize);
  }

  // ------------------------------------------------------------------ handlers

  /** Runs {@code model} on {@code args} and returns the trace of its sites. */
  public static <A> Trace trace(Function<A, ?> model, A args) {
    try (TraceMessenger t = new TraceMessenger().enter()) {
      model.apply(args);
      return t.trace();
    }
  }

  /**
   * Runs a model that takes no arguments and returns the trace of its sites, as Pyro's
   * {@code poutine.trace(model).get_trace()}.
   *
   * <pre>{@code
   * Trace t = trace(() -> { sample("z", new Normal(0.0, 1.0)); });
   * }</pre>
   */
  public static Trace trace(Runnable model) {
    return trace(Pmm.<Void>noArguments(model), null);
  }

  /**
   * Runs a model that takes no arguments and returns a value; its trace.
   *
   * <pre>{@code
   * Trace t = trace(() -> sample("z", new Normal(0.0, 1.0)));
   * }</pre>
   */
  public static Trace trace(Supplier<?> model) {
    return trace(Pmm.<Void>noArguments(model), null);
  }

  /**
   * An argument-less model as a function that ignores its argument, for the APIs that pass
   * arguments ({@link org.pmm.infer.Elbo#loss}, {@link org.pmm.infer.Svi}).
   *
   * <pre>{@code
   * ElboResult r = elbo.loss(noArguments(model), noArguments(guide), null);
   * }</pre>
   */
  public static <A> Function<A, Object> noArguments(Runnable model) {
    return ignored -> {
      model.run();
      return null;
    };
  }

  /**
   * An argument-less model that returns a value as a function that ignores its argument.
   *
   * <pre>{@code
   * Function<Void, Object> m = noArguments(() -> sample("z", new Normal(0.0, 1.0)));
   * }</pre>
   */
  public static <A> Function<A, Object> noArguments(Supplier<?> model) {
    return ignored -> model.get();
  }

  public static TraceMessenger trace() {
    return new TraceMessenger();
  }

  public static ReplayMessenger replay(Trace source) {
    return new ReplayMessenger(source);
  }

  public static ConditionMessenger condition(Map<String, Tensor> data) {
    return new ConditionMessenger(data);
  }

  public static SubstituteMessenger substitute(Map<String, Tensor> values) {
    return new SubstituteMessenger(values);
  }

  public static BlockMessenger block() {
    return new BlockMessenger();
  }

  public static ScaleMessenger scale(double factor) {
    return new ScaleMessenger(factor);
  }

  public static MaskMessenger mask(INDArray mask) {
    return new MaskMessenger(mask);
  }

  public static SeedMessenger seed(long seed) {
    return new SeedMessenger(seed);
  }

  /** The plates enclosing the caller, outermost first. */
  public static java.util.List<PlateMessenger> currentPlates() {
    return HandlerStack.activePlates();
  }
}
