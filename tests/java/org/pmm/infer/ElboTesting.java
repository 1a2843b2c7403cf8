package org.pmm.infer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.Pmm;
import org.pmm.distributions.Distribution;
import org.pmm.distributions.ForwardingDistribution;
import org.pmm.handlers.PlateMessenger;
import org.pmm.handlers.ScaleMessenger;
import org.pmm.handlers.SeedMessenger;
import org.pmm.params.ParamStore;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;

/** Shared helpers of the estimator tests: one seeded evaluation, particles, test distributions. */
final class ElboTesting {
  private ElboTesting() {}

  static Tensor c(double... v) {
    return Tensor.constant(Nd4j.createFromArray(v));
  }

  static long[] range(long n) {
    long[] r = new long[(int) n];
    for (int i = 0; i < r.length; i++) {
      r[i] = i;
    }
    return r;
  }

  /** A loss and the gradient of the surrogate w.r.t. every unconstrained parameter (copied). */
  record Evaluation(double loss, Map<String, double[]> gradients) {
    double[] gradient(String name) {
      return gradients.get(name);
    }
  }

  /** One call of {@code elbo.loss} under {@code seed}, differentiated. */
  static <A> Evaluation evaluate(Elbo elbo, Function<A, ?> model, Function<A, ?> guide, A args,
      ParamStore store, long seed) {
    try (ParamStore.Activation active = store.activate();
        SeedMessenger s = new SeedMessenger(seed).enter();
        StepScope scope = StepScope.open()) {
      for (Tensor p : store.parameters().values()) {
        p.zeroGrad();
      }
      ElboResult r = elbo.loss(model, guide, args);
      r.surrogateLoss().backward();
      Map<String, double[]> grads = new LinkedHashMap<>();
      store.parameters().forEach((name, p) -> grads.put(name, flat(p.grad(), p.length())));
      return new Evaluation(r.loss(), grads);
    }
  }

  private static double[] flat(INDArray g, long length) {
    return g == null ? new double[(int) length] : Nd4j.toFlattened(g).toDoubleVector();
  }

  /**
   * {@code fn} run as K vectorised particles: inside a plate "particles" at dimension −2, scaled
   * by 1/K so that the loss is the average over particles. Models put their own plate at −1.
   */
  static <A> Function<A, Object> particles(int k, Function<A, ?> fn) {
    return args -> {
      try (ScaleMessenger s = new ScaleMessenger(1.0 / k).enter();
          PlateMessenger p = Pmm.plate("particles", k, range(k), -2)) {
        return fn.apply(args);
      }
    };
  }

  /** A distribution that hides its reparameterised sampler: forces score-function gradients. */
  static final class NonReparameterised extends ForwardingDistribution {
    NonReparameterised(Distribution base) {
      super(base);
    }

    @Override
    public Tensor sample(RandomStream rng) {
      return base().sample(rng).detach();
    }

    @Override
    public boolean hasRsample() {
      return false;
    }

    @Override
    public Tensor rsample(RandomStream rng) {
      throw new UnsupportedOperationException("not reparameterised");
    }

    @Override
    public Distribution toEvent(int n) {
      return new NonReparameterised(base().toEvent(n));
    }

    @Override
    public Distribution expand(long... batchShape) {
      return new NonReparameterised(base().expand(batchShape));
    }
  }

}
