package org.pmm.infer;

import static org.pmm.Pmm.param;
import static org.pmm.Pmm.plate;
import static org.pmm.Pmm.sample;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.distributions.Bernoulli;
import org.pmm.distributions.Normal;
import org.pmm.handlers.PlateMessenger;
import org.pmm.tensor.Tensor;

/**
 * A model with discrete latents in nested plates, and its exact ELBO by enumeration:
 *
 * <pre>
 *   s ~ Bernoulli(logit 0.3)                                   global
 *   plate groups (2, dim −2):  c_g ~ Bernoulli(logit −0.2 + 0.8 s)
 *     plate items (3, dim −1): z_gi ~ Bernoulli(logit 0.5 − c_g)
 *                              x_gi ~ Normal(1.5 z_gi − 0.7 + 0.5 s, 1)   observed
 * guide: s ~ Bern(φ_s), c_g ~ Bern(φ_c[g] + κ s), z_gi ~ Bern(φ_z[g,i] + ψ c_g)
 * </pre>
 *
 * The latent sites are Bernoulli, so every estimator needs score-function terms.
 */
final class BernoulliHierarchy {
  static final double[][] X = {{0.9, -0.8, 1.1}, {-0.5, 0.7, 1.4}};
  static final double PHI_S = 0.2;
  static final double[] PHI_C = {-0.3, 0.5};
  static final double KAPPA = 0.4;
  static final double[][] PHI_Z = {{0.1, -0.2, 0.3}, {0.4, -0.5, 0.0}};
  static final double PSI = -0.6;
  /** Parameter names in creation order, and their sizes. */
  static final String[] NAMES = {"s.logit", "c.logit", "c.coupling", "z.logit", "z.coupling"};

  private BernoulliHierarchy() {}

  static Tensor k(double v) {
    return Tensor.constant(Nd4j.scalar(DataType.DOUBLE, v));
  }

  /**
   * The data and the number of vectorised particles: everything runs inside a plate
   * "particles" (dim −3, not scaled), and every guide parameter has one copy per particle, so
   * that the gradient of copy k is particle k's own single-draw gradient.
   */
  record Args(Tensor x, int particles) {
    static Args of(int particles) {
      INDArray x = Nd4j.createFromArray(X).reshape(1, 2, 3).repeat(0, particles);
      return new Args(Tensor.constant(x), particles);
    }
  }

  private static PlateMessenger particles(Args a) {
    return plate("particles", a.particles(), ElboTesting.range(a.particles()), -3);
  }

  static Object model(Args a) {
    try (PlateMessenger p = particles(a)) {
      Tensor s = sample("s", Bernoulli.logits(k(0.3)));
      try (PlateMessenger groups = plate("groups", 2, ElboTesting.range(2), -2)) {
        Tensor c = sample("c", Bernoulli.logits(s.mul(0.8).add(-0.2)));
        try (PlateMessenger items = plate("items", 3, ElboTesting.range(3), -1)) {
          Tensor z = sample("z", Bernoulli.logits(c.neg().add(0.5)));
          sample("x", new Normal(z.mul(1.5).add(-0.7).add(s.mul(0.5)), k(1.0)), a.x());
        }
      }
    }
    return null;
  }

  /** {@code value} repeated once per particle along a new leading axis. */
  private static INDArray perParticle(Args a, double[][] value) {
    INDArray v = Nd4j.createFromArray(value);
    return v.reshape(1, v.size(0), v.size(1)).repeat(0, a.particles());
  }

  static Object guide(Args a) {
    Tensor phiS = param("s.logit", () -> perParticle(a, new double[][] {{PHI_S}}));
    Tensor phiC = param("c.logit", () -> perParticle(a, new double[][] {{PHI_C[0]}, {PHI_C[1]}}));
    Tensor kappa = param("c.coupling", () -> perParticle(a, new double[][] {{KAPPA}}));
    Tensor phiZ = param("z.logit", () -> perParticle(a, PHI_Z));
    Tensor psi = param("z.coupling", () -> perParticle(a, new double[][] {{PSI}}));
    try (PlateMessenger p = particles(a)) {
      Tensor s = sample("s", Bernoulli.logits(phiS));
      try (PlateMessenger groups = plate("groups", 2, ElboTesting.range(2), -2)) {
        Tensor c = sample("c", Bernoulli.logits(phiC.add(kappa.mul(s))));
        try (PlateMessenger items = plate("items", 3, ElboTesting.range(3), -1)) {
          sample("z", Bernoulli.logits(phiZ.add(psi.mul(c))));
        }
      }
    }
    return null;
  }

  /**
   * Particle k's gradient, flattened in the layout of {@link #initial}, from the gradients of
   * the per-particle parameter copies.
   */
  static double[] particleGradient(java.util.Map<String, double[]> gradients, int k, int particles) {
    double[] out = new double[11];
    int at = 0;
    for (String name : NAMES) {
      double[] g = gradients.get(name);
      int per = g.length / particles;
      for (int i = 0; i < per; i++) {
        out[at++] = g[k * per + i];
      }
    }
    return out;
  }

  // ------------------------------------------------------------ exact, by enumeration

  static double logBernoulli(double logit, double value) {
    return value == 1 ? -Math.log1p(Math.exp(-logit)) : -Math.log1p(Math.exp(logit));
  }

  static double logNormal(double x, double mean) {
    return -0.5 * (x - mean) * (x - mean) - 0.5 * Math.log(2 * Math.PI);
  }

  /** The parameters flattened in the order of {@link #NAMES}: 1 + 2 + 1 + 6 + 1 values. */
  static double[] initial() {
    return new double[] {PHI_S, PHI_C[0], PHI_C[1], KAPPA, PHI_Z[0][0], PHI_Z[0][1], PHI_Z[0][2],
        PHI_Z[1][0], PHI_Z[1][1], PHI_Z[1][2], PSI};
  }

  /** The exact ELBO at parameters {@code p} (layout of {@link #initial}). */
  static double elbo(double[] p) {
    double total = 0;
    for (int s = 0; s <= 1; s++) {
      double qs = Math.exp(logBernoulli(p[0], s));
      double inner = logBernoulli(0.3, s) - logBernoulli(p[0], s);
      for (int g = 0; g < 2; g++) {
        double logitC = p[1 + g] + p[3] * s;
        for (int c = 0; c <= 1; c++) {
          double qc = Math.exp(logBernoulli(logitC, c));
          double t = logBernoulli(-0.2 + 0.8 * s, c) - logBernoulli(logitC, c);
          for (int i = 0; i < 3; i++) {
            double logitZ = p[4 + 3 * g + i] + p[10] * c;
            for (int z = 0; z <= 1; z++) {
              double qz = Math.exp(logBernoulli(logitZ, z));
              t += qz * (logBernoulli(0.5 - c, z) - logBernoulli(logitZ, z)
                  + logNormal(X[g][i], 1.5 * z - 0.7 + 0.5 * s));
            }
          }
          inner += qc * t;
        }
      }
      total += qs * inner;
    }
    return total;
  }

  /** d(−ELBO)/dp by central differences of the exact ELBO. */
  static double[] exactLossGradient() {
    double[] p = initial();
    double[] g = new double[p.length];
    double h = 1e-6;
    for (int i = 0; i < p.length; i++) {
      double[] up = p.clone();
      double[] down = p.clone();
      up[i] += h;
      down[i] -= h;
      g[i] = -(elbo(up) - elbo(down)) / (2 * h);
    }
    return g;
  }
}
