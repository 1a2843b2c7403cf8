package org.pmm.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.tensor.Ops;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.StepScope;
import org.pmm.tensor.Tensor;

/**
 * The PM+MO pattern in float32 inside a step scope: a Laplace guide sample of a weight matrix,
 * log p − log q against an expanded scalar prior, a Bernoulli likelihood with integer labels,
 * one backward pass. Checks the value against a double-precision recomputation.
 */
class Float32StepTest {

  @Test
  void laplaceGuideAndBernoulliLikelihoodInFloat() {
    Tensor loc = Tensor.parameter(Nd4j.rand(DataType.FLOAT, 6, 4).subi(0.5f));
    Tensor rho = Tensor.parameter(Constraints.positive()
        .inverse(Nd4j.valueArrayOf(new long[] {6, 4}, 0.01f, DataType.FLOAT)));
    INDArray x = Nd4j.rand(DataType.FLOAT, 3, 6);
    INDArray labels = Nd4j.createFromArray(new int[][] {{0, 1, 1, 0}, {1, 0, 0, 0},
        {1, 1, 1, 1}});
    double latent;
    double logLik;
    try (StepScope step = StepScope.open()) {
      Distribution guide = new Laplace(loc, Constraints.positive().transform(rho)).toEvent(2);
      Distribution prior = new Laplace(Tensor.scalar(0, DataType.FLOAT),
          Tensor.scalar(1, DataType.FLOAT)).expand(6, 4).toEvent(2);
      Tensor w = guide.rsample(new RandomStream(3));
      Tensor latentTerm = prior.logProb(w).sub(guide.logProb(w));
      Tensor logits = Tensor.constant(x).matmul(w);
      Tensor lik = Bernoulli.logits(logits).toEvent(1).logProb(Tensor.constant(labels)).sum();
      Tensor elbo = lik.add(latentTerm);
      elbo.neg().backward();
      latent = latentTerm.item();
      logLik = lik.item();
      assertFalse(Ops.hasNonFinite(loc.grad()));
      assertFalse(Ops.hasNonFinite(rho.grad()));
      // Recompute in double from the same draw.
      INDArray wd = w.value().castTo(DataType.DOUBLE);
      INDArray locd = loc.value().castTo(DataType.DOUBLE);
      double expectedLatent = 0;
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 4; j++) {
          double wij = wd.getDouble(i, j);
          double b = Math.log1p(Math.exp(rho.value().getDouble(i, j)));
          expectedLatent += -Math.abs(wij) - Math.log(2)
              + Math.abs(wij - locd.getDouble(i, j)) / b + Math.log(2 * b);
        }
      }
      assertEquals(expectedLatent, latent, 1e-3 * Math.max(1, Math.abs(expectedLatent)));
      INDArray ld = x.castTo(DataType.DOUBLE).mmul(wd);
      double expectedLik = 0;
      for (int r = 0; r < 3; r++) {
        for (int g = 0; g < 4; g++) {
          double l = ld.getDouble(r, g);
          double y = labels.getDouble(r, g);
          expectedLik += y * l - Math.log1p(Math.exp(l));
        }
      }
      assertEquals(expectedLik, logLik, 1e-4);
    }
  }
}
