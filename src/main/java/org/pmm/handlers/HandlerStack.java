package org.pmm.handlers;

import java.util.ArrayList;
import java.util.List;
import org.pmm.tensor.RandomStream;

/**
 * The per-thread stack of active handlers and how a message passes through it:
 *
 * <ol>
 *   <li>handlers are visited from the innermost (last entered) to the outermost, calling
 *       {@code process}, until one sets {@code stop};
 *   <li>unless a handler set {@code done}, the default behaviour runs: a sample site without a
 *       value draws one (reparameterised when the distribution allows), a param site asks the
 *       current parameter store;
 *   <li>the visited handlers' {@code postprocess} runs in reverse order, outermost first.
 * </ol>
 *
 * A thread-local stack rather than a global one: concurrent runs (tests, benchmarks) do not see
 * each other's handlers.
 */
public final class HandlerStack {
  private static final ThreadLocal<List<Messenger<?>>> STACK = ThreadLocal.withInitial(ArrayList::new);
  private static final ThreadLocal<RandomStream> RANDOM =
      ThreadLocal.withInitial(() -> new RandomStream(0));

  private HandlerStack() {}

  static void push(Messenger<?> m) {
    STACK.get().add(m);
  }

  static void popThrough(Messenger<?> m) {
    List<Messenger<?>> stack = STACK.get();
    int i = stack.lastIndexOf(m);
    if (i >= 0) {
      stack.subList(i, stack.size()).clear();
    }
  }

  /** Number of active handlers (0 means primitives take the fast path). */
  public static int depth() {
    return STACK.get().size();
  }

  /** The active plates, outermost first. */
  public static List<PlateMessenger> activePlates() {
    List<PlateMessenger> plates = new ArrayList<>();
    for (Messenger<?> m : STACK.get()) {
      if (m instanceof PlateMessenger p) {
        plates.add(p);
      }
    }
    return plates;
  }

  /** The random stream default sampling uses on this thread (see {@link SeedMessenger}). */
  public static RandomStream random() {
    return RANDOM.get();
  }

  static RandomStream swapRandom(RandomStream next) {
    RandomStream previous = RANDOM.get();
    RANDOM.set(next);
    return previous;
  }

  /** Sends a message through the stack and returns it with its final value. */
  public static Message apply(Message msg) {
    org.pmm.tensor.OpProfile.mark("(before site)");
    List<Messenger<?>> stack = STACK.get();
    int visited = 0;
    for (int i = stack.size() - 1; i >= 0; i--) {
      visited++;
      stack.get(i).process(msg);
      if (msg.stop) {
        break;
      }
    }
    if (!msg.done) {
      DefaultBehaviour.run(msg);
    }
    for (int i = stack.size() - visited; i < stack.size(); i++) {
      stack.get(i).postprocess(msg);
    }
    org.pmm.tensor.OpProfile.mark("site " + msg.type);
    return msg;
  }
}
