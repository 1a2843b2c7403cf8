package org.pmm.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The memory scope of one training step: every tensor produced by an operation while the scope
 * is open is released when it closes, so a step's intermediate buffers never outlive it.
 * Parameters and constants wrapping caller-owned arrays are never released by a scope. Copy
 * out ({@code value().dup()}) anything that must survive the step.
 *
 * <p>Scopes nest per thread; an operation registers with the innermost open scope. Without an
 * open scope, buffers are left to the garbage collector.
 *
 * <pre>{@code
 * try (StepScope step = StepScope.open()) {
 *   Tensor loss = model.loss(batch);
 *   loss.backward();
 *   optimiser.step();
 * } // all intermediates of the step are freed here
 * }</pre>
 */
public final class StepScope implements AutoCloseable {
  private static final ThreadLocal<Deque<StepScope>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

  private final List<Tensor> owned = new ArrayList<>();
  private boolean closed;

  private StepScope() {}

  /** Opens a scope on this thread. */
  public static StepScope open() {
    StepScope scope = new StepScope();
    OPEN.get().push(scope);
    return scope;
  }

  static void track(Tensor t) {
    StepScope scope = OPEN.get().peek();
    if (scope != null) {
      scope.owned.add(t);
    }
  }

  /** Number of tensors this scope will release (for tests and diagnostics). */
  public int size() {
    return owned.size();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Deque<StepScope> stack = OPEN.get();
    stack.remove(this);
    for (Tensor t : owned) {
      t.release();
    }
    owned.clear();
  }
}
