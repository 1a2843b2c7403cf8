package org.pmm.handlers;

import java.util.Map;
import org.pmm.tensor.Tensor;

/** Gives named param sites fixed values instead of looking them up in the parameter store. */
public final class SubstituteMessenger extends Messenger<SubstituteMessenger> {
  private final Map<String, Tensor> values;

  public SubstituteMessenger(Map<String, Tensor> values) {
    this.values = Map.copyOf(values);
  }

  @Override
  protected void process(Message msg) {
    if (msg.type == Message.Type.PARAM && values.containsKey(msg.name)) {
      msg.value = values.get(msg.name);
      msg.done = true;
    }
  }
}
