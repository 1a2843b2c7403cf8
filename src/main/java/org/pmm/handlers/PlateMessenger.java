package org.pmm.handlers;

import java.util.Arrays;
import org.pmm.distributions.Distribution;

/**
 * A vectorised plate: the sites inside are conditionally independent along batch dimension
 * {@code dim}. Their distributions are broadcast to the plate's (subsample) size along that
 * dimension and their log-densities scaled by size / subsample size, so that a mini-batch
 * gives an unbiased estimate of the full data's log-likelihood.
 *
 * <pre>{@code
 * try (PlateMessenger rows = Pmm.plate("rows", 15552, 256L)) {
 *   Pmm.sample("y", Bernoulli.logits(logits).toEvent(1), labels);   // scaled by 15552 / 256
 * }
 * }</pre>
 */
public final class PlateMessenger extends Messenger<PlateMessenger> {
  private final String name;
  private final long size;
  private final long[] indices;
  private final int dim;

  /**
   * @param indices the subsample (rows of the full data in this batch); its length is the
   *     subsample size
   * @param dim the batch dimension, negative (-1 is the rightmost)
   */
  public PlateMessenger(String name, long size, long[] indices, int dim) {
    if (size <= 0) {
      throw new IllegalArgumentException("plate '" + name + "': size must be positive, got "
          + size);
    }
    if (indices.length == 0 || indices.length > size) {
      throw new IllegalArgumentException("plate '" + name + "': subsample size " + indices.length
          + " must be between 1 and the plate's size " + size);
    }
    if (dim >= 0) {
      throw new IllegalArgumentException("plate '" + name + "': dim must be negative, got " + dim);
    }
    this.name = name;
    this.size = size;
    this.indices = indices;
    this.dim = dim;
  }

  public String name() {
    return name;
  }

  public long size() {
    return size;
  }

  public int dim() {
    return dim;
  }

  /** The indices of the subsample within 0..size-1 (all of them without subsampling). */
  public long[] indices() {
    return indices.clone();
  }

  public long subsampleSize() {
    return indices.length;
  }

  @Override
  protected void process(Message msg) {
    if (msg.type == Message.Type.PARAM) {
      return;
    }
    PlateFrame frame = new PlateFrame(name, size, indices.length, dim);
    msg.plates.add(0, frame);
    msg.scale *= frame.scale();
    if (msg.distribution != null) {
      msg.distribution = broadcast(msg.name, msg.distribution);
    }
  }

  /** Expands the distribution's batch shape so that dimension {@code dim} has the plate's size. */
  private Distribution broadcast(String site, Distribution d) {
    long[] batch = d.batchShape();
    int rank = Math.max(batch.length, -dim);
    long[] target = new long[rank];
    Arrays.fill(target, 1);
    System.arraycopy(batch, 0, target, rank - batch.length, batch.length);
    int at = rank + dim;
    long current = target[at];
    if (current != 1 && current != indices.length) {
      throw new SiteException(site, "plate '" + name + "' has size " + indices.length
          + " at batch dimension " + dim + " but the distribution's batch shape "
          + Arrays.toString(batch) + " has " + current + " there");
    }
    target[at] = indices.length;
    return Arrays.equals(target, batch) ? d : d.expand(target);
  }
}
