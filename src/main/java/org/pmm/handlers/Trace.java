package org.pmm.handlers;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pmm.tensor.Tensor;

/**
 * The sites of one run of a model or guide, in execution order, by name.
 *
 * <pre>{@code
 * Trace t = Pmm.trace(model, args);
 * Tensor logJoint = t.logProbSum();
 * Tensor z = t.site("z").value();
 * }</pre>
 */
public final class Trace {
  private final Map<String, Site> sites = new LinkedHashMap<>();

  void add(Site site) {
    if (sites.containsKey(site.name())) {
      throw new SiteException(site.name(), "the name is used twice in one run; site names must"
          + " be unique");
    }
    sites.put(site.name(), site);
  }

  public Site site(String name) {
    return sites.get(name);
  }

  public boolean contains(String name) {
    return sites.containsKey(name);
  }

  public Collection<Site> sites() {
    return Collections.unmodifiableCollection(sites.values());
  }

  /** Sum of the scaled log-densities of every sample and factor site. */
  public Tensor logProbSum() {
    Tensor total = null;
    for (Site s : sites.values()) {
      if (s.type() == Message.Type.PARAM) {
        continue;
      }
      Tensor lp = s.logProbSum();
      total = total == null ? lp : total.add(lp);
    }
    return total;
  }
}
