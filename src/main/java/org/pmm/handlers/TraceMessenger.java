package org.pmm.handlers;

/**
 * Records every site that passes through into a {@link Trace}.
 *
 * <pre>{@code
 * try (TraceMessenger t = new TraceMessenger().enter()) { model.apply(args); }
 * }</pre>
 */
public final class TraceMessenger extends Messenger<TraceMessenger> {
  private final Trace trace = new Trace();

  public Trace trace() {
    return trace;
  }

  @Override
  protected void postprocess(Message msg) {
    trace.add(new Site(msg));
  }
}
