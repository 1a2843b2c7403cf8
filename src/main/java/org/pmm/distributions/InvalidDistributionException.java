package org.pmm.distributions;

/**
 * Invalid distribution parameters or a value outside a distribution's support. Sample sites
 * catch it and add the site's name.
 */
public class InvalidDistributionException extends IllegalArgumentException {
  public InvalidDistributionException(String message) {
    super(message);
  }
}
