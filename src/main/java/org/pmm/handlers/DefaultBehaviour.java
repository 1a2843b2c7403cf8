package org.pmm.handlers;

import org.pmm.params.ParamStore;

/** What happens to a message no handler completed. */
final class DefaultBehaviour {
  private DefaultBehaviour() {}

  static void run(Message msg) {
    switch (msg.type) {
      case SAMPLE -> {
        if (msg.value == null) {
          var rng = HandlerStack.random();
          msg.value = msg.distribution.hasRsample()
              ? msg.distribution.rsample(rng)
              : msg.distribution.sample(rng);
        }
      }
      case PARAM -> {
        if (msg.value == null) {
          msg.value = ParamStore.current().get(msg.name, msg.param.init(), msg.param.constraint());
        }
      }
      case FACTOR -> { }
      default -> throw new IllegalStateException("unknown message type " + msg.type);
    }
    msg.done = true;
  }
}
