package org.pmm.handlers;

import java.util.function.Predicate;

/** Hides sites from the handlers outside it (by default all sites; or those a predicate picks). */
public final class BlockMessenger extends Messenger<BlockMessenger> {
  private final Predicate<Message> hide;

  public BlockMessenger() {
    this(msg -> true);
  }

  public BlockMessenger(Predicate<Message> hide) {
    this.hide = hide;
  }

  @Override
  protected void process(Message msg) {
    if (hide.test(msg)) {
      msg.stop = true;
    }
  }
}
