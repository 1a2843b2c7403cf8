package org.pmm.params;

import org.pmm.base.ParameterTooLargeException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.distributions.constraints.Constraint;
import org.pmm.tensor.StepArena;
import org.pmm.tensor.Tensor;

/**
 * Named, constrained parameters, stored unconstrained as leaves that collect gradients. A model
 * asks for {@code param(name, init, constraint)}; the first request creates the parameter from
 * {@code init}, later requests return the constrained transform of the stored leaf.
 *
 * <p>One store is current per thread ({@link #current()}); activate another with
 * {@link #activate()} in a try-with-resources block.
 *
 * <pre>{@code
 * ParamStore store = new ParamStore();
 * try (var active = store.activate()) {
 *   svi.step(data);
 * }
 * INDArray loc = store.constrained("loc");
 * }</pre>
 */
public final class ParamStore {
  private static final ThreadLocal<ParamStore> CURRENT = ThreadLocal.withInitial(ParamStore::new);

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /** A stored parameter: its unconstrained leaf and its constraint. */
  public record Entry(Tensor unconstrained, Constraint constraint) {}

  public static ParamStore current() {
    return CURRENT.get();
  }

  /** Makes this store current on this thread until the returned handle is closed. */
  public Activation activate() {
    ParamStore previous = CURRENT.get();
    CURRENT.set(this);
    return () -> CURRENT.set(previous);
  }

  /** Restores the previously current store. */
  public interface Activation extends AutoCloseable {
    @Override
    void close();
  }

  /** The constrained value of {@code name}, creating the parameter from {@code init} if new. */
  public Tensor get(String name, Supplier<INDArray> init, Constraint constraint) {
    Entry e = entries.get(name);
    if (e == null) {
      // a parameter outlives the step that asks for it first
      e = StepArena.outside(() -> create(name, init, constraint));
      entries.put(name, e);
    }
    return e.constraint().transform(e.unconstrained());
  }

  private static Entry create(String name, Supplier<INDArray> init, Constraint constraint) {
    INDArray initial;
    try {
      initial = init.get();
    } catch (ParameterTooLargeException tooLarge) {
      throw tooLarge.with("param '" + name + "'");
    }
    if (!constraint.check(initial)) {
      throw new IllegalArgumentException("param '" + name + "': initial value violates its"
          + " constraint " + constraint.describe());
    }
    return new Entry(Tensor.parameter(constraint.inverse(initial)).named(name), constraint);
  }

  public boolean contains(String name) {
    return entries.containsKey(name);
  }

  public Entry entry(String name) {
    return entries.get(name);
  }

  /** All entries in creation order. */
  public Map<String, Entry> entries() {
    return Collections.unmodifiableMap(entries);
  }

  /** The unconstrained leaves whose names match, for an optimiser's parameter group. */
  public Map<String, Tensor> parameters(Predicate<String> names) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    entries.forEach((n, e) -> {
      if (names.test(n)) {
        out.put(n, e.unconstrained());
      }
    });
    return out;
  }

  /** All unconstrained leaves. */
  public Map<String, Tensor> parameters() {
    return parameters(n -> true);
  }

  /** The constrained value of a stored parameter, computed outside any step. */
  public INDArray constrained(String name) {
    Entry e = entries.get(name);
    if (e == null) {
      throw new IllegalArgumentException("no parameter named '" + name + "'");
    }
    return e.constraint().transform(e.unconstrained().detach()).value().dup();
  }

  /** Adds a parameter with a given unconstrained value (loading). */
  public void put(String name, INDArray unconstrained, Constraint constraint) {
    entries.put(name, new Entry(Tensor.parameter(unconstrained).named(name), constraint));
  }

  public void clear() {
    entries.clear();
  }
}
