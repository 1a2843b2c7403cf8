package org.pmm.handlers;

import java.util.function.Function;

/**
 * Base of every effect handler. A handler is active between {@link #enter()} and
 * {@link #close()} (try-with-resources), or around one call of a model ({@link #wrap}). While
 * active, every primitive's {@link Message} passes through {@link #process} (innermost handler
 * first) and, after the default behaviour, {@link #postprocess} (outermost first). Subclasses
 * override only what they change.
 *
 * <p>A subclass names itself as the type argument ({@code class ScaleMessenger extends
 * Messenger<ScaleMessenger>}), so that {@code enter()} returns exactly its type: assigning it to
 * another handler type is a compile error, not a cast failure after the handler was pushed.
 *
 * <pre>{@code
 * try (TraceMessenger tracer = new TraceMessenger().enter();
 *      ScaleMessenger half = new ScaleMessenger(0.5).enter()) {
 *   model.apply(args);
 * }
 * Trace trace = tracer.trace();
 * }</pre>
 *
 * @param <M> the subclass itself
 */
public abstract class Messenger<M extends Messenger<M>> implements AutoCloseable {

  /** Called for each message on its way in, innermost handler first. */
  protected void process(Message msg) {}

  /** Called for each message on its way out, outermost handler first. */
  protected void postprocess(Message msg) {}

  /**
   * Called by {@link #enter()} once this handler is on the stack, for handlers that change
   * thread state as they become active; if it throws, the handler is popped again.
   */
  protected void entered() {}

  /**
   * Pushes this handler on the current thread's stack and returns it. If anything fails, the
   * stack is left as it was.
   */
  @SuppressWarnings("unchecked")
  public final M enter() {
    HandlerStack.push(this);
    try {
      entered();
    } catch (RuntimeException | Error e) {
      HandlerStack.popThrough(this);
      throw e;
    }
    // unchecked, and safe: a subclass's type argument is the subclass itself (see above)
    return (M) this;
  }

  /** Pops this handler, and any handler entered after it and not closed (an exception unwound). */
  @Override
  public void close() {
    HandlerStack.popThrough(this);
  }

  /** A model that runs inside this handler. */
  public <A, R> Function<A, R> wrap(Function<A, R> model) {
    return args -> {
      try (M self = enter()) {
        return model.apply(args);
      }
    };
  }
}
