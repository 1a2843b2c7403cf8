package org.pmm.handlers;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.distributions.Distribution;
import org.pmm.distributions.InvalidDistributionException;
import org.pmm.tensor.Tensor;

/**
 * One recorded site of a {@link Trace}: what the message looked like after every handler ran,
 * and its log-density, computed on first request.
 */
public final class Site {
  private final Message.Type type;
  private final String name;
  private final Distribution distribution;
  private final Tensor value;
  private final boolean observed;
  private final double scale;
  private final INDArray mask;
  private final List<PlateFrame> plates;
  private Tensor unscaledLogProb;
  private Tensor logProb;

  Site(Message msg) {
    this.type = msg.type;
    this.name = msg.name;
    this.distribution = msg.distribution;
    this.value = msg.value;
    this.observed = msg.observed;
    this.scale = msg.scale;
    this.mask = msg.mask;
    this.plates = List.copyOf(msg.plates);
  }

  public Message.Type type() {
    return type;
  }

  public String name() {
    return name;
  }

  public Distribution distribution() {
    return distribution;
  }

  public Tensor value() {
    return value;
  }

  public boolean observed() {
    return observed;
  }

  public double scale() {
    return scale;
  }

  public INDArray mask() {
    return mask;
  }

  public List<PlateFrame> plates() {
    return plates;
  }

  /** A latent sample site (not observed). */
  public boolean isLatent() {
    return type == Message.Type.SAMPLE && !observed;
  }

  /** A latent site whose value was drawn with a pathwise (reparameterised) sample. */
  public boolean isReparameterised() {
    return isLatent() && distribution.hasRsample();
  }

  /** log p(value), masked but not scaled, with the distribution's batch shape. */
  public Tensor unscaledLogProb() {
    if (unscaledLogProb == null) {
      Tensor lp;
      if (type == Message.Type.FACTOR) {
        lp = value;
      } else {
        try {
          lp = distribution.logProb(value);
        } catch (InvalidDistributionException e) {
          throw new SiteException(name, e.getMessage());
        }
      }
      if (mask != null) {
        lp = lp.mul(Tensor.constantAs(mask, lp.dataType()));
      }
      unscaledLogProb = lp;
    }
    return unscaledLogProb;
  }

  /** Scale × masked log-density, with the batch shape. */
  public Tensor logProb() {
    if (logProb == null) {
      Tensor lp = unscaledLogProb();
      logProb = scale == 1.0 ? lp : lp.mul(scale);
    }
    return logProb;
  }

  /** The scaled log-density summed to a scalar. */
  public Tensor logProbSum() {
    return logProb().sum();
  }

  @Override
  public String toString() {
    return type + " " + name + (observed ? " (observed)" : "") + " scale " + scale;
  }
}
