package org.pmm.lang.compile;

import java.util.List;
import java.util.function.Predicate;
import org.pmm.infer.AnnealedElbo;
import org.pmm.infer.Elbo;
import org.pmm.infer.ElboResult;
import org.pmm.infer.Svi.Loss;
import org.pmm.optim.Optimizer;
import org.pmm.params.ParamStore;
import org.pmm.tensor.Tensor;

/**
 * {@code elbo(model, ...)}: the loss {@code (−ELBO + penalty) / N}, N the full size of the
 * model's data plate, penalty = l2·Σ loc² + l1·Σ |loc| over the guide's unconstrained
 * (location) parameters; split, where the estimator splits −ELBO, into its parts and the
 * penalty ({@link ElboResult#parts()}), each divided by N. Runs guide and model through the
 * estimator and keeps the model's frame so that other objectives read its values ({@code
 * fusion.z}) without running it again.
 */
final class ElboObjective extends Objective {
  private final CompiledProgram program;
  private final int model;
  private final Elbo elbo;
  private final double l1;
  private final double l2;
  private final List<String> locations;

  ElboObjective(String name, Optimizer optimizer, Predicate<String> group, CompiledProgram program, int model,
      Elbo elbo, double l1, double l2, List<String> locations) {
    super(name, optimizer, group);
    this.program = program;
    this.model = model;
    this.elbo = elbo;
    this.l1 = l1;
    this.l2 = l2;
    this.locations = locations;
  }

  Elbo estimator() {
    return elbo;
  }

  @Override
  Loss evaluate(Run run) {
    if (elbo instanceof AnnealedElbo annealed) {
      annealed.setStep(run.step);
    }
    ElboResult r = elbo.loss(program.modelFunction(model), program.guideFunction(model), run);
    run.setModel(model, (Frame) r.modelValue());
    Tensor penalty = penalty();
    if (penalty != null) {
      r = r.plus(ElboResult.PENALTY, penalty);
    }
    // per datum, like the loss: the parts still sum to it
    return Loss.of(r).div(program.dataPlateSize(model, run.data));
  }

  private Tensor penalty() {
    if (l1 <= 0 && l2 <= 0) {
      return null;
    }
    ParamStore store = ParamStore.current();
    Tensor total = null;
    for (String name : locations) {
      ParamStore.Entry e = store.entry(name);
      if (e == null) {
        continue;
      }
      Tensor loc = e.unconstrained();
      Tensor p = null;
      if (l2 > 0) {
        p = loc.sumOfSquares().mul(l2);
      }
      if (l1 > 0) {
        Tensor a = loc.sumOfAbs().mul(l1);
        p = p == null ? a : p.add(a);
      }
      total = total == null ? p : total.add(p);
    }
    return total;
  }

  @Override
  boolean runsModel() {
    return true;
  }
}
