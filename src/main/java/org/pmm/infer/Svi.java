package org.pmm.infer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.Pmm;
import org.pmm.handlers.SeedMessenger;
import org.pmm.handlers.StepSeed;
import org.pmm.optim.Optimizer;
import org.pmm.params.ParamStore;
import org.pmm.tensor.Ops;
import org.pmm.tensor.StepArena;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;

/**
 * Stochastic variational inference, and pmm's one training step: each step evaluates the
 * objectives (an ELBO estimate, and any other differentiable loss trained beside it), takes the
 * gradient of their sum and lets each parameter group's optimiser update its parameters; then the
 * post-step hooks run (max-norm projections). Intermediate buffers of a step are released when
 * it ends. A NaN or infinite loss or gradient stops the step with a {@link
 * NonFiniteLossException} naming the objective or the parameter, before any parameter changes.
 *
 * <p>The plain form, as in Pyro's {@code SVI(model, guide, optim, loss)}:
 *
 * <pre>{@code
 * Svi<Tensor> svi = new Svi<>(model, guide, new TraceElbo(1), new Adam(0.01), new ParamStore());
 * for (int i = 0; i < 1000; i++) {
 *   double loss = svi.step(data);
 * }
 * }</pre>
 *
 * <p>A custom loss, as in Pyro's {@code SVI(loss=...)}: PM+MO's joint step, {@code (−ELBO +
 * penalty)/N} for the Bayesian fusion module A plus the classifier C's cross-entropy on A's
 * output, one gradient, ClippedAdam for A and AdamW for C, sample sites seeded per step:
 *
 * <pre>{@code
 * Svi<Batch> svi = Svi.<Batch>builder(store)
 *     .objective("joint", (batch, step) -> {
 *       ElboResult a = elbo.loss(fusionModel, fusionGuide, batch);
 *       Tensor bce = Ops.bceWithLogits(classifier.logits((Tensor) a.modelValue()), batch.labels()).mean();
 *       Tensor penalty = locations.sumOfSquares().mul(l2);
 *       return new Svi.Loss(a.surrogateLoss().add(penalty).div(n).add(bce),
 *           (a.loss() + penalty.item()) / n + bce.item());
 *     })
 *     .group(name -> name.startsWith("A."), new ClippedAdam(0.005, 10, 1))
 *     .group(name -> name.startsWith("C."), new AdamW(0.005, 0.01))
 *     .seed(0)
 *     .afterStep(classifier::applyMaxNorm)
 *     .build();
 * double loss = svi.step(batch, 0);
 * }</pre>
 *
 * @param <A> the type of the arguments the objectives take
 */
public final class Svi<A> {
  /**
   * A loss to differentiate and its value to report; they differ where score-function terms
   * give the surrogate a value other than the loss. {@code parts} splits the value into named
   * parts that sum to it (an ELBO's {@link ElboResult#parts()}), or is empty.
   */
  public record Loss(Tensor differentiable, double value, Map<String, Double> parts) {
    /** Parts are kept in the order given; null means none. */
    public Loss {
      parts = parts == null || parts.isEmpty()
          ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    /** A loss without parts. */
    public Loss(Tensor differentiable, double value) {
      this(differentiable, value, Map.of());
    }

    /** A loss whose differentiable form is its value (a scalar tensor). */
    public static Loss of(Tensor loss) {
      return new Loss(loss, loss.item());
    }

    /** An ELBO estimate as a loss: its surrogate, −ELBO and its parts. */
    public static Loss of(ElboResult elbo) {
      return new Loss(elbo.surrogateLoss(), elbo.loss(), elbo.parts());
    }

    /** This loss divided by {@code n}: differentiable form, value and every part. */
    public Loss div(double n) {
      Map<String, Double> divided = new LinkedHashMap<>();
      parts.forEach((name, v) -> divided.put(name, v / n));
      return new Loss(differentiable.div(n), value / n, divided);
    }
  }

  /** One term of the training loss, evaluated at every step. */
  @FunctionalInterface
  public interface Objective<A> {
    Loss loss(A args, StepContext step);
  }

  /** Parameters whose names match, and the optimiser that steps them. */
  public record ParamGroup(Predicate<String> names, Optimizer optimizer) {}

  /** A named objective and the parameter groups stepped with its gradient. */
  private record Term<A>(String name, Objective<A> objective, List<ParamGroup> groups) {}

  private final List<Term<A>> terms;
  private final List<ParamGroup> groups;
  private final boolean alternately;
  private final Long seed;
  private final List<Consumer<ParamStore>> afterStep;
  private final ParamStore store;
  private final Map<String, Double> lastLosses = new LinkedHashMap<>();
  private final Map<String, Map<String, Double>> lastLossParts = new LinkedHashMap<>();
  private long nextStep;

  public Svi(Function<A, ?> model, Function<A, ?> guide, Elbo elbo, Optimizer optimizer,
      ParamStore store) {
    this(model, guide, elbo, List.of(new ParamGroup(n -> true, optimizer)), store);
  }

  /**
   * SVI with an optimiser per parameter group, all stepped from one gradient computation; a
   * parameter belongs to the first group whose predicate accepts its name.
   *
   * <pre>{@code
   * new Svi<>(model, guide, elbo, List.of(
   *     new Svi.ParamGroup(n -> n.startsWith("A."), new ClippedAdam(0.005, 10, 1)),
   *     new Svi.ParamGroup(n -> true, new AdamW(0.005, 0.01))), store);
   * }</pre>
   */
  public Svi(Function<A, ?> model, Function<A, ?> guide, Elbo elbo, List<ParamGroup> groups,
      ParamStore store) {
    this(Svi.<A>builderWithGroups(store, groups).objective("elbo", Svi.<A>elbo(model, guide, elbo)));
  }

  /**
   * SVI of a model and a guide that take no arguments, as Pyro's {@code SVI(model, guide, optim,
   * loss)} with {@code def model():}; each {@link #step()} runs them without arguments.
   *
   * <pre>{@code
   * Svi<Void> svi = new Svi<>(() -> { sample("p", new Beta(1, 1)); },
   *     () -> { sample("p", new Beta(param("a", 2.0, positive()), param("b", 2.0, positive()))); },
   *     new TraceElbo(1), new Adam(0.01), new ParamStore());
   * svi.step();
   * }</pre>
   */
  public Svi(Runnable model, Runnable guide, Elbo elbo, Optimizer optimizer, ParamStore store) {
    this(Pmm.<A>noArguments(model), Pmm.<A>noArguments(guide), elbo, optimizer, store);
  }

  /**
   * SVI of an argument-less model and guide that return values (chosen over the {@link
   * Runnable} form where both fit, as for {@code () -> sample(...)}).
   *
   * <pre>{@code
   * Svi<Void> svi = new Svi<>(() -> sample("z", prior), () -> sample("z", q), elbo, adam, store);
   * }</pre>
   */
  public Svi(Supplier<?> model, Supplier<?> guide, Elbo elbo, Optimizer optimizer,
      ParamStore store) {
    this(Pmm.<A>noArguments(model), Pmm.<A>noArguments(guide), elbo, optimizer, store);
  }

  private static <A> Builder<A> builderWithGroups(ParamStore store, List<ParamGroup> groups) {
    Builder<A> b = new Builder<>(store);
    groups.forEach(g -> b.group(g.names(), g.optimizer()));
    return b;
  }

  private Svi(Builder<A> b) {
    if (b.terms.isEmpty()) {
      throw new IllegalArgumentException("SVI needs at least one objective");
    }
    if (b.groups.isEmpty()) {
      throw new IllegalArgumentException("SVI needs at least one parameter group");
    }
    List<Term<A>> resolved = new ArrayList<>();
    for (Term<A> t : b.terms) {
      // an objective without a group of its own steps every group
      resolved.add(t.groups() == null ? new Term<>(t.name(), t.objective(), List.copyOf(b.groups)) : t);
    }
    this.terms = List.copyOf(resolved);
    this.groups = List.copyOf(b.groups);
    this.alternately = b.alternately;
    this.seed = b.seed;
    this.afterStep = List.copyOf(b.afterStep);
    this.store = b.store;
  }

  /** A builder of SVI over the parameters of {@code store}. */
  public static <A> Builder<A> builder(ParamStore store) {
    return new Builder<>(store);
  }

  /**
   * The ELBO of {@code model} against {@code guide} as an objective: the estimator's surrogate
   * and −ELBO; an annealed estimator is told the step first.
   */
  public static <A> Objective<A> elbo(Function<A, ?> model, Function<A, ?> guide, Elbo elbo) {
    return (args, step) -> {
      if (elbo instanceof AnnealedElbo annealed) {
        annealed.setStep(step.step());
      }
      return Loss.of(elbo.loss(model, guide, args));
    };
  }

  /** One gradient step at the step after the previous one; returns the loss before the update. */
  public double step(A args) {
    return step(args, nextStep);
  }

  /**
   * One gradient step of objectives that take no arguments (they are passed null), as Pyro's
   * {@code svi.step()}; returns the loss before the update.
   *
   * <pre>{@code
   * for (int i = 0; i < 2000; i++) {
   *   svi.step();
   * }
   * }</pre>
   */
  public double step() {
    return step(null);
  }

  /**
   * One gradient step at global step {@code step} (which seeds the step's sample sites when a
   * seed is set, and drives annealing); returns the summed loss before the update.
   *
   * @throws NonFiniteLossException when a loss or a gradient is NaN or infinite
   */
  public double step(A args, long step) {
    nextStep = step + 1;
    lastLossParts.clear();
    try (StepArena arena = StepArena.open();
        ParamStore.Activation active = store.activate();
        StepScope scope = StepScope.open();
        SeedMessenger sampling = seed == null ? null : Pmm.seed(StepSeed.of(seed, step)).enter()) {
      double value = alternately ? stepAlternately(args, step) : stepJointly(args, step);
      zeroGradients();
      for (Consumer<ParamStore> hook : afterStep) {
        hook.accept(store);
      }
      return value;
    }
  }

  private double stepJointly(A args, long step) {
    StepContext context = new StepContext(step);
    Tensor total = null;
    double value = 0;
    for (Term<A> t : terms) {
      Loss l = evaluate(t, args, context);
      total = total == null ? l.differentiable() : total.add(l.differentiable());
      value += l.value();
    }
    total.backward();
    checkGradients(step);
    applyOptimisers(groups);
    return value;
  }

  private double stepAlternately(A args, long step) {
    double value = 0;
    for (Term<A> t : terms) {
      Loss l = evaluate(t, args, new StepContext(step));
      l.differentiable().backward();
      checkGradients(step);
      applyOptimisers(t.groups());
      zeroGradients();
      value += l.value();
    }
    return value;
  }

  /**
   * Each objective's loss at the last step, by objective name in evaluation order: the parts of
   * the summed loss {@link #step} returns (a classifier's BCE beside an ELBO, say).
   */
  public Map<String, Double> lastLosses() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(lastLosses));
  }

  /**
   * The parts of each objective's loss at the last step, by objective name in evaluation order,
   * for the objectives whose loss is split (an ELBO's {@link ElboResult#parts()}); each
   * objective's parts sum to its entry in {@link #lastLosses}. For PM+MO under KL annealing:
   *
   * <pre>{@code
   * svi.step(batch, t);
   * svi.lastLosses();      // {fusion=812.4, classifier=0.231}
   * svi.lastLossParts();   // {fusion={nll=790.1, kl_beta=22.3}}
   * }</pre>
   */
  public Map<String, Map<String, Double>> lastLossParts() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(lastLossParts));
  }

  private Loss evaluate(Term<A> t, A args, StepContext context) {
    Loss l = t.objective().loss(args, context);
    lastLosses.put(t.name(), l.value());
    if (!l.parts().isEmpty()) {
      lastLossParts.put(t.name(), l.parts());
    }
    if (!Double.isFinite(l.value())) {
      throw new NonFiniteLossException(context.step(), "loss of objective '" + t.name() + "'",
          l.value());
    }
    return l;
  }

  /** Each parameter goes to the first group whose predicate accepts its name. */
  private void applyOptimisers(List<ParamGroup> stepped) {
    Map<String, Tensor> remaining = new LinkedHashMap<>(store.parameters());
    for (ParamGroup g : groups) {
      Map<String, Tensor> mine = new LinkedHashMap<>();
      remaining.entrySet().removeIf(e -> {
        boolean match = g.names().test(e.getKey());
        if (match) {
          mine.put(e.getKey(), e.getValue());
        }
        return match;
      });
      if (stepped.contains(g)) {
        g.optimizer().step(mine);
      }
    }
  }

  private void checkGradients(long step) {
    for (Map.Entry<String, Tensor> e : store.parameters().entrySet()) {
      INDArray g = e.getValue().grad();
      if (g != null && Ops.hasNonFinite(g)) {
        throw new NonFiniteLossException(step, "gradient of parameter '" + e.getKey() + "'",
            Double.NaN);
      }
    }
  }

  /** Parameters no optimiser stepped keep no stale gradient into the next step. */
  private void zeroGradients() {
    for (Tensor p : store.parameters().values()) {
      if (p.grad() != null) {
        p.zeroGrad();
      }
    }
  }

  /** The loss without a gradient step (objectives jointly, no hooks). */
  public double evaluateLoss(A args) {
    try (ParamStore.Activation active = store.activate();
        StepScope scope = StepScope.open()) {
      StepContext context = new StepContext(nextStep);
      double value = 0;
      for (Term<A> t : terms) {
        value += t.objective().loss(args, context).value();
      }
      return value;
    }
  }

  public ParamStore store() {
    return store;
  }

  /** The optimisers of the parameter groups, in the order they were added. */
  public List<Optimizer> optimizers() {
    return groups.stream().map(ParamGroup::optimizer).toList();
  }

  /**
   * Builds an {@link Svi}: objectives in the order they are evaluated (an objective that stores
   * a value in the {@link StepContext} comes before those that read it), parameter groups with
   * their optimisers, stepping, seeding and post-step hooks.
   */
  public static final class Builder<A> {
    private final ParamStore store;
    private final List<Term<A>> terms = new ArrayList<>();
    private final List<ParamGroup> groups = new ArrayList<>();
    private boolean alternately;
    private Long seed;
    private final List<Consumer<ParamStore>> afterStep = new ArrayList<>();

    private Builder(ParamStore store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    /** An objective whose gradient every parameter group's optimiser steps. */
    public Builder<A> objective(String name, Objective<A> objective) {
      terms.add(new Term<>(name, objective, null));
      return this;
    }

    /**
     * An objective with its own parameter group: with {@link #alternately()}, its gradient
     * steps only that group.
     */
    public Builder<A> objective(String name, Objective<A> objective, Predicate<String> params,
        Optimizer optimizer) {
      ParamGroup g = new ParamGroup(params, optimizer);
      groups.add(g);
      terms.add(new Term<>(name, objective, List.of(g)));
      return this;
    }

    /** A parameter group and its optimiser; a parameter joins the first group that matches. */
    public Builder<A> group(Predicate<String> params, Optimizer optimizer) {
      groups.add(new ParamGroup(params, optimizer));
      return this;
    }

    /**
     * One gradient and optimiser step per objective in turn (each objective on the parameters
     * as the previous one left them) instead of one gradient of their sum.
     */
    public Builder<A> alternately() {
      this.alternately = true;
      return this;
    }

    /** Sample sites of step t draw from a stream seeded with {@code StepSeed.of(seed, t)}. */
    public Builder<A> seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Runs after the optimisers of every step (for example max-norm projections). */
    public Builder<A> afterStep(Consumer<ParamStore> hook) {
      afterStep.add(hook);
      return this;
    }

    public Svi<A> build() {
      return new Svi<>(this);
    }
  }
}
