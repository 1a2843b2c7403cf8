package org.pmm.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which {@link Tensor#backward()} visits a graph: every tensor the output depends on
 * through inputs that require a gradient, the output included, inputs before outputs (a
 * topological order; backward walks it from the end).
 *
 * <pre>{@code
 * List<Tensor> order = GraphOrder.of(loss);   // ..., loss
 * }</pre>
 */
final class GraphOrder {
  private GraphOrder() {}

  static List<Tensor> of(Tensor output) {
    List<Tensor> order = new ArrayList<>();
    Map<Tensor, Boolean> seen = new IdentityHashMap<>();
    Deque<Tensor> stack = new ArrayDeque<>();
    Deque<Integer> next = new ArrayDeque<>();
    stack.push(output);
    next.push(0);
    seen.put(output, Boolean.TRUE);
    // Iterative depth-first search: deep graphs must not overflow the Java stack.
    while (!stack.isEmpty()) {
      Tensor t = stack.peek();
      int i = next.pop();
      if (i < t.inputs.length) {
        next.push(i + 1);
        Tensor in = t.inputs[i];
        if (in.requiresGrad() && seen.put(in, Boolean.TRUE) == null) {
          stack.push(in);
          next.push(0);
        }
      } else {
        stack.pop();
        order.add(t);
      }
    }
    return order;
  }
}
