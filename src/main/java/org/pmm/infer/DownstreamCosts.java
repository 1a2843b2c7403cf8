package org.pmm.infer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pmm.handlers.Message;
import org.pmm.handlers.Site;
import org.pmm.handlers.Trace;
import org.pmm.tensor.Tensor;

/**
 * The downstream cost of each non-reparameterised guide site: the part of log p − log q whose
 * value can depend on that site's draw. Following Pyro's TraceGraph_ELBO with its dense
 * (order-based) dependency graphs, for a guide site j:
 *
 * <ol>
 *   <li>D(j) is j together with every guide site (sample or factor) that runs after j in the
 *       guide: each of them may have been computed from z_j;
 *   <li>the cost sums, for every k in D(j), the scaled, masked model log-density of k (if the
 *       model has k) minus its scaled, masked guide log-density;
 *   <li>and adds the model log-density of every other model site (observed data, factors, guide
 *       sites that ran before j) that runs in the model after the earliest model site of D(j):
 *       the model may have computed it from a value in D(j);
 *   <li>each term is reduced to j's plates ({@link PlateReduction}): kept element by element
 *       along the plates j is in, summed over the others. Element i of z_j in plate "rows" is
 *       thus charged only with the costs of element i of the sites in "rows" and with the whole
 *       cost of sites outside it (which see every element of z_j).
 * </ol>
 *
 * Sites before j in both orders never depend on z_j and are left out: that is the
 * Rao-Blackwellisation. The result is detached (a cost multiplies a score, it is not
 * differentiated).
 */
final class DownstreamCosts {
  private DownstreamCosts() {}

  /** The detached cost of every guide site that needs a score term, in guide order. */
  static Map<String, Tensor> compute(Trace model, Trace guide) {
    List<Site> guideSites = densitySites(guide);
    List<Site> modelSites = densitySites(model);
    Map<String, Integer> modelIndex = new HashMap<>();
    for (int i = 0; i < modelSites.size(); i++) {
      modelIndex.put(modelSites.get(i).name(), i);
    }
    Map<String, Tensor> costs = new LinkedHashMap<>();
    for (int j = 0; j < guideSites.size(); j++) {
      Site target = guideSites.get(j);
      if (!ScoreFunction.needsScore(target)) {
        continue;
      }
      Tensor cost = null;
      Set<String> downstream = new HashSet<>();
      int earliestInModel = Integer.MAX_VALUE;
      for (Site k : guideSites.subList(j, guideSites.size())) {
        downstream.add(k.name());
        Integer m = modelIndex.get(k.name());
        if (m != null) {
          earliestInModel = Math.min(earliestInModel, m);
          cost = add(cost, reduce(modelSites.get(m), target));
        }
        cost = add(cost, reduce(k, target).neg());
      }
      int from = earliestInModel == Integer.MAX_VALUE ? modelSites.size() : earliestInModel + 1;
      for (int m = from; m < modelSites.size(); m++) {
        Site site = modelSites.get(m);
        if (!downstream.contains(site.name())) {
          cost = add(cost, reduce(site, target));
        }
      }
      costs.put(target.name(), cost);
    }
    return costs;
  }

  /** Sites with a log-density (sample and factor), in execution order. */
  private static List<Site> densitySites(Trace trace) {
    List<Site> sites = new ArrayList<>();
    for (Site s : trace.sites()) {
      if (s.type() != Message.Type.PARAM) {
        sites.add(s);
      }
    }
    return sites;
  }

  private static Tensor reduce(Site term, Site target) {
    return PlateReduction.reduceTo(term.logProb().detach(), term.plates(), target.plates());
  }

  private static Tensor add(Tensor total, Tensor term) {
    return total == null ? term : total.add(term);
  }
}
