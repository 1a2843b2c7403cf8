package org.pmm.handlers;

/**
 * Makes latent sample sites take their values from a given trace (typically the guide's), so
 * that the model is evaluated at the guide's draws. A latent site missing from the trace is an
 * error: a guide must cover every latent site of the model.
 */
public final class ReplayMessenger extends Messenger<ReplayMessenger> {
  private final Trace source;

  public ReplayMessenger(Trace source) {
    this.source = source;
  }

  @Override
  protected void process(Message msg) {
    if (msg.type != Message.Type.SAMPLE || msg.observed) {
      return;
    }
    Site site = source.site(msg.name);
    if (site == null) {
      throw new SiteException(msg.name, "not in the trace being replayed (the guide has no"
          + " site of this name)");
    }
    msg.value = site.value();
    msg.done = true;
  }
}
