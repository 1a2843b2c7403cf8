package org.pmm.distributions;

import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * Standard Gamma(α, 1) draws with implicit reparameterisation gradients, shared by Gamma, Beta
 * and Dirichlet.
 *
 * <p>Draws come from Commons Math's Gamma sampler (Marsaglia-Tsang for α ≥ 1, Ahrens-Dieter
 * for α < 1), driven by a generator seeded from the {@link RandomStream}, so they are
 * reproducible from the stream's state. The gradient follows Figurnov, Mohamed and Mnih,
 * "Implicit Reparameterization Gradients" (NeurIPS 2018): with F the CDF, F(z; α) = u is held
 * fixed, so dz/dα = −(∂F/∂α)(z; α) / f(z; α). ∂F/∂α of the regularised incomplete gamma
 * function is taken by a central difference in α (Commons Math has no closed form); its error
 * is far below the Monte Carlo noise of any gradient estimate that uses it.
 */
final class GammaSampling {
  private GammaSampling() {}

  /** A seeded Commons Math generator for one batch of draws. */
  static RandomDataGenerator generator(RandomStream rng) {
    return new RandomDataGenerator(new Well19937c(rng.nextLong()));
  }

  /** Gamma(α, 1) draws, one per element of {@code alpha}, as doubles in C order. */
  static double[] draw(double[] alpha, RandomStream rng) {
    RandomDataGenerator gen = generator(rng);
    double[] z = new double[alpha.length];
    for (int i = 0; i < alpha.length; i++) {
      z[i] = gen.nextGamma(alpha[i], 1.0);
    }
    return z;
  }

  /**
   * Standard Gamma draws of {@code alpha}'s shape, differentiable with respect to {@code alpha}
   * by implicit reparameterisation when {@code differentiable}, else constants.
   */
  static Tensor standardGamma(Tensor alpha, RandomStream rng, boolean differentiable) {
    INDArray a = alpha.value();
    double[] alphas = TensorMath.toDoubles(a);
    double[] z = draw(alphas, rng);
    // In float32 a tiny draw can round to 0, where log-densities are -infinity: keep it positive.
    double floor = a.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE
        ? Double.MIN_NORMAL : Float.MIN_NORMAL;
    for (int i = 0; i < z.length; i++) {
      z[i] = Math.max(z[i], floor);
    }
    INDArray value = TensorMath.fromDoubles(z, a.shape(), a.dataType());
    if (!differentiable || !alpha.requiresGrad()) {
      return Tensor.stepConstant(value);
    }
    double[] dz = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      dz[i] = dSampleDAlpha(z[i], alphas[i]);
    }
    INDArray d = TensorMath.fromDoubles(dz, a.shape(), a.dataType());
    // Value z, gradient dz/dα · g.
    return org.pmm.tensor.Ops.elementwise("gammaSample", alpha, value, d);
  }

  /** dz/dα = −(∂P(α, z)/∂α) / f(z; α), P the regularised lower incomplete gamma function. */
  static double dSampleDAlpha(double z, double alpha) {
    double h = 1e-5 * Math.max(alpha, 1e-3);
    double dP = (org.apache.commons.math3.special.Gamma.regularizedGammaP(alpha + h, z) - org.apache.commons.math3.special.Gamma.regularizedGammaP(alpha - h, z))
        / (2 * h);
    double logDensity = (alpha - 1) * Math.log(z) - z - org.apache.commons.math3.special.Gamma.logGamma(alpha);
    double density = Math.exp(logDensity);
    double d = -dP / density;
    return Double.isFinite(d) ? d : 0.0;
  }
}
