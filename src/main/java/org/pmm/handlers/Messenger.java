package org.pmm.handlers;

import java.util.function.Function;

/**
 * Base of every effect handler. A handler is active between {@link #enter()} and
 * {@link #close()} (try-with-resources), or around one call of a model ({@link #wrap}). While
 * active, every primitive's {@link Message} passes through {@link #process} (innermost handler
 * first) and, after the default behaviour, {@link #postprocess} (outermost first). Subclasses
 * override only what they change.
 *
 * <pre>{@code
 * try (TraceMessenger tracer = new TraceMessenger().enter();
 *      ScaleMessenger half = new ScaleMessenger(0.5).enter()) {
 *   model.apply(args);
 * }
 * Trace trace = tracer.trace();
 * }</pre>
 */
public abstract class Messenger implements AutoCloseable {

  /** Called for each message on its way in, innermost handler first. */
  protected void process(Message msg) {}

  /** Called for each message on its way out, outermost handler first. */
  protected void postprocess(Message msg) {}

  /** Pushes this handler on the current thread's stack. */
  @SuppressWarnings("unchecked")
  public <M extends Messenger> M enter() {
    HandlerStack.push(this);
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
      try (Messenger self = enter()) {
        return model.apply(args);
      }
    };
  }
}
