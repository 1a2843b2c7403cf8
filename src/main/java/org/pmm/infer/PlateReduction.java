package org.pmm.infer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pmm.handlers.PlateFrame;
import org.pmm.tensor.Tensor;

/**
 * Brings a site's log-density (batch shape) to the plate layout of another site: kept element by
 * element along the plates both share, summed over every other batch dimension (plates the target
 * is not in, and batch dimensions no plate declares). The result has rank equal to the target's
 * outermost plate dimension, with size 1 where the target has a plate the term lacks, so that
 * terms of different sites broadcast against each other and against the target's score.
 *
 * <p>Elements along a shared plate stay apart because a vectorised plate promises conditional
 * independence: element i of a site inside the plate depends only on element i of the sites
 * upstream of it in the same plate. That promise is what makes the per-element downstream costs
 * of {@link TraceGraphElbo} valid.
 *
 * <pre>{@code
 * Tensor perGroup = PlateReduction.reduceTo(site.logProb(), site.plates(), target.plates());
 * }</pre>
 */
final class PlateReduction {
  private PlateReduction() {}

  /** The rank of a tensor laid out over {@code frames}: the outermost plate's |dim|, or 0. */
  static int rank(List<PlateFrame> frames) {
    int rank = 0;
    for (PlateFrame f : frames) {
      rank = Math.max(rank, -f.dim());
    }
    return rank;
  }

  /**
   * @param value a tensor with the batch shape of a site whose plates are {@code valueFrames}
   * @param targetFrames the plates to keep (same name and dimension)
   */
  static Tensor reduceTo(Tensor value, List<PlateFrame> valueFrames, List<PlateFrame> targetFrames) {
    int r = value.rank();
    int targetRank = rank(targetFrames);
    long[] out = new long[targetRank];
    Arrays.fill(out, 1);
    List<Integer> summed = new ArrayList<>();
    for (int axis = 0; axis < r; axis++) {
      int dim = axis - r;
      long size = value.size(axis);
      if (-dim <= targetRank && shared(valueFrames, targetFrames, dim)) {
        out[targetRank + dim] = size;
      } else if (size != 1) {
        summed.add(axis);
      }
    }
    Tensor reduced = summed.isEmpty()
        ? value
        : value.sum(true, summed.stream().mapToInt(Integer::intValue).toArray());
    return Arrays.equals(reduced.shape(), out) ? reduced : reduced.reshape(out);
  }

  /** True if both lists have a plate of the same name at {@code dim}. */
  private static boolean shared(List<PlateFrame> a, List<PlateFrame> b, int dim) {
    for (PlateFrame fa : a) {
      if (fa.dim() != dim) {
        continue;
      }
      for (PlateFrame fb : b) {
        if (fb.dim() == dim && fb.name().equals(fa.name())) {
          return true;
        }
      }
    }
    return false;
  }
}
