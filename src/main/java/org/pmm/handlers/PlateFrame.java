package org.pmm.handlers;

/**
 * A plate as seen by a site: its name, full size, subsample size and the batch dimension it
 * occupies (negative, counted from the right of the batch shape).
 */
public record PlateFrame(String name, long size, long subsampleSize, int dim) {
  /** The factor by which log-densities inside this plate are scaled: size / subsample size. */
  public double scale() {
    return (double) size / subsampleSize;
  }
}
