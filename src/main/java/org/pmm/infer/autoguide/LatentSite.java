package org.pmm.infer.autoguide;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.pmm.distributions.Support;
import org.pmm.handlers.PlateFrame;

/**
 * A latent sample site of a model as an autoguide found it in a trace of the model: its name,
 * the shape of its value, how many of the leading dimensions are batch dimensions (plates), its
 * support and the plates around it.
 *
 * @param name the site's name
 * @param shape the shape of one value
 * @param batchRank the number of leading batch dimensions of the model's distribution
 * @param support where the value lies
 * @param type the data type of the value
 * @param plates the plates enclosing the site
 */
public record LatentSite(String name, long[] shape, int batchRank, Support support, DataType type,
    List<PlateFrame> plates) {

  /** The number of trailing event dimensions. */
  public int eventRank() {
    return shape.length - batchRank;
  }
}
