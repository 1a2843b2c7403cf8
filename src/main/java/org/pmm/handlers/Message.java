package org.pmm.handlers;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.distributions.Distribution;
import org.pmm.tensor.Tensor;

/**
 * What a primitive sends through the handler stack. Handlers read and change these fields; the
 * default behaviour (draw a sample, look up a parameter) runs unless a handler set {@code done}.
 *
 * <ul>
 *   <li>{@code type}: sample, param or factor.
 *   <li>{@code name}: the site's name, unique within one run of a model.
 *   <li>{@code distribution}: for sample and factor sites.
 *   <li>{@code value}: the sampled, observed, replayed or parameter value.
 *   <li>{@code observed}: true when the value was given (data), not drawn.
 *   <li>{@code scale}: multiplies the log-density (plates, the scale handler, annealing).
 *   <li>{@code mask}: 0/1 array broadcastable to the batch shape, or null for none.
 *   <li>{@code plates}: the enclosing plates, outermost first.
 *   <li>{@code stop}: handlers below (outer ones) do not see the message.
 *   <li>{@code done}: the default behaviour is skipped.
 *   <li>{@code param}: for param sites, how to create the parameter on first use.
 * </ul>
 */
public final class Message {
  /** Kinds of sites. */
  public enum Type { SAMPLE, PARAM, FACTOR }

  public final Type type;
  public final String name;
  public Distribution distribution;
  public Tensor value;
  public boolean observed;
  public double scale = 1.0;
  public INDArray mask;
  public final List<PlateFrame> plates = new ArrayList<>();
  public boolean stop;
  public boolean done;
  public ParamRequest param;

  public Message(Type type, String name) {
    this.type = type;
    this.name = name;
  }
}
