package org.pmm.handlers;

import java.util.Map;
import org.pmm.tensor.Tensor;

/** Observes named sample sites at given values, as if {@code sample(name, d, value)}. */
public final class ConditionMessenger extends Messenger<ConditionMessenger> {
  private final Map<String, Tensor> data;

  public ConditionMessenger(Map<String, Tensor> data) {
    this.data = Map.copyOf(data);
  }

  @Override
  protected void process(Message msg) {
    if (msg.type == Message.Type.SAMPLE && data.containsKey(msg.name)) {
      msg.value = data.get(msg.name);
      msg.observed = true;
    }
  }
}
