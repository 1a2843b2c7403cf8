package org.pmm.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

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
  private static final ThreadLocal<Deque<StepScope>> OPEN =
      ThreadLocal.withInitial(ArrayDeque::new);
  /** Bytes the last outermost scope closed on this thread held; see {@link #lastStepBytes()}. */
  private static final ThreadLocal<long[]> LAST_STEP_BYTES =
      ThreadLocal.withInitial(() -> new long[1]);

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

  /**
   * Registers an array an operation created for its backward pass (or otherwise for the rest
   * of the step) with the innermost open scope, which frees it on closing; without an open
   * scope it is left to the garbage collector. Returns the array.
   */
  public static INDArray adopt(INDArray array) {
    Tensor.stepConstant(array);
    return array;
  }

  /** Number of tensors this scope will release (for tests and diagnostics). */
  public int size() {
    return owned.size();
  }

  /**
   * Bytes of the values held by the last outermost scope that closed on this thread, counted
   * just before it released them: one step's working set of operation results (intermediate
   * gradients, freed as soon as they are propagated, are not included). For memory reports.
   */
  public static long lastStepBytes() {
    return LAST_STEP_BYTES.get()[0];
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Deque<StepScope> stack = OPEN.get();
    stack.remove(this);
    if (stack.isEmpty()) {
      long bytes = 0;
      for (Tensor t : owned) {
        bytes += t.valueBytes();
      }
      LAST_STEP_BYTES.get()[0] = bytes;
    }
    for (Tensor t : owned) {
      t.release();
    }
    owned.clear();
    OpProfile.mark("(step scope closed)");
  }
}
