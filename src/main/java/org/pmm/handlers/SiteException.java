package org.pmm.handlers;

/**
 * An error in a model or guide, attributed to a site: a reused name, a replay of a missing site,
 * a value of the wrong shape or outside the support, a plate that disagrees with the data.
 */
public class SiteException extends IllegalArgumentException {
  public SiteException(String site, String problem) {
    super("site '" + site + "': " + problem);
  }
}
